package dev.kubestate.exporter.apirequests;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Finds whether a JSON LIST response carries {@code metadata.shardInfo}, the API server's sign that
 * it applied a {@code shardSelector}, reading the body as it streams in, in pieces of any size,
 * without decoding it and without holding any of it. Only the key {@code shardInfo} of the
 * top-level {@code metadata} object counts: the same word in an object's labels, annotations or
 * any other string does not. Not thread-safe: one scanner per response.
 */
final class ShardInfoScanner {

  private static final byte[] METADATA = "metadata".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SHARD_INFO = "shardInfo".getBytes(StandardCharsets.US_ASCII);

  /** Nesting of objects and arrays outside the current position; 1 inside the top object. */
  private int depth;

  private boolean inString;
  private boolean escaped;

  /** Bytes of the current string that matched the word looked for so far, or -1: no match. */
  private int matched;

  /** The word the current string is compared with, or null when its value does not matter. */
  private byte[] word;

  /** The string just closed was the word looked for; it is a key if ':' follows. */
  private boolean wordJustClosed;

  /** The top-level key just read is {@code metadata}: the next object opened is the list's. */
  private boolean metadataKeyRead;

  /** Inside the top-level {@code metadata} object. */
  private boolean inListMeta;

  private boolean found;

  /** Reads the next piece of the body; its position is left unchanged. */
  void accept(ByteBuffer piece) {
    for (int i = piece.position(); i < piece.limit() && !found; i++) {
      step(piece.get(i));
    }
  }

  /** Whether {@code metadata.shardInfo} has been seen so far. */
  boolean found() {
    return found;
  }

  private void step(byte b) {
    if (inString) {
      inString(b);
      return;
    }
    if (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
      return;
    }
    boolean keyFollows = b == ':';
    if (wordJustClosed && keyFollows) {
      if (inListMeta) {
        found = true;
        return;
      }
      metadataKeyRead = true;
    } else if (b != '{') {
      metadataKeyRead = false;
    }
    wordJustClosed = false;
    switch (b) {
      case '"' -> openString();
      case '{', '[' -> {
        if (b == '{' && metadataKeyRead && depth == 1) {
          inListMeta = true;
        }
        metadataKeyRead = false;
        depth++;
      }
      case '}', ']' -> {
        depth--;
        if (depth == 1) {
          inListMeta = false;
        }
      }
      default -> {}
    }
  }

  private void openString() {
    inString = true;
    escaped = false;
    matched = 0;
    if (depth == 1) {
      word = METADATA;
    } else if (depth == 2 && inListMeta) {
      word = SHARD_INFO;
    } else {
      word = null;
    }
  }

  private void inString(byte b) {
    if (escaped) {
      escaped = false;
      matched = -1;
      return;
    }
    if (b == '\\') {
      escaped = true;
      matched = -1;
      return;
    }
    if (b == '"') {
      inString = false;
      wordJustClosed = word != null && matched == word.length;
      return;
    }
    if (word != null && matched >= 0) {
      matched = matched < word.length && word[matched] == b ? matched + 1 : -1;
    }
  }
}
