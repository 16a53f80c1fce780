package dev.kubestate.sharding;

import java.math.BigInteger;

/**
 * Reads the terms of a {@code shardSelector} value left to right for {@link ShardSelector#parse};
 * every error names the 0-based position where the input went wrong. Confined to one thread.
 */
final class SelectorReader {

  /** {@code 0x} and 17 hex digits hold 2^64, the largest bound. */
  private static final int MAX_HEX_DIGITS = 17;

  private final String text;
  private int position;

  SelectorReader(String text) {
    if (text == null) {
      throw new IllegalArgumentException("shard selector is null");
    }
    this.text = text;
  }

  /** {@code shardRange(object.metadata.uid, '0x..', '0x..')}. */
  HashRange shardRange() {
    skipSpace();
    expect("shardRange");
    skipSpace();
    expect("(");
    skipSpace();
    int fieldAt = position;
    if (!text.startsWith(ShardSelector.UID_FIELD, position)) {
      throw error(fieldAt, "field path " + ShardSelector.UID_FIELD);
    }
    position += ShardSelector.UID_FIELD.length();
    skipSpace();
    expect(",");
    int startAt = skipSpace();
    BigInteger start = bound();
    skipSpace();
    expect(",");
    skipSpace();
    BigInteger end = bound();
    skipSpace();
    expect(")");
    if (start.equals(HashRange.SPACE)) {
      throw error(startAt, "a start below 0x10000000000000000");
    }
    if (start.compareTo(end) >= 0) {
      throw error(startAt, "a start below its end 0x" + end.toString(16));
    }
    return new HashRange(start.longValue(), end.longValue());
  }

  /** Consumes {@code ||} with the space around it, if present. */
  boolean skipOr() {
    int before = position;
    skipSpace();
    if (text.startsWith("||", position)) {
      position += 2;
      return true;
    }
    position = before;
    return false;
  }

  void expectEnd() {
    skipSpace();
    if (position != text.length()) {
      throw error(position, "'||' or the end of the selector");
    }
  }

  /** A quoted hex bound in {@code [0, 2^64]}. */
  private BigInteger bound() {
    int at = position;
    expect("'");
    if (!text.regionMatches(true, position, "0x", 0, 2)) {
      throw error(position, "a hex bound starting with 0x");
    }
    position += 2;
    int digitsAt = position;
    while (position < text.length() && Character.digit(text.charAt(position), 16) >= 0) {
      position++;
    }
    int digits = position - digitsAt;
    if (digits == 0 || digits > MAX_HEX_DIGITS) {
      throw error(digitsAt, "1 to " + MAX_HEX_DIGITS + " hex digits");
    }
    BigInteger value = new BigInteger(text.substring(digitsAt, position), 16);
    if (value.compareTo(HashRange.SPACE) > 0) {
      throw error(at, "a bound of at most 0x10000000000000000");
    }
    expect("'");
    return value;
  }

  private void expect(String token) {
    if (!text.startsWith(token, position)) {
      throw error(position, "'" + token + "'");
    }
    position += token.length();
  }

  /** Skips spaces and tabs; returns the position after them. */
  private int skipSpace() {
    while (position < text.length()
        && (text.charAt(position) == ' ' || text.charAt(position) == '\t')) {
      position++;
    }
    return position;
  }

  private IllegalArgumentException error(int at, String expected) {
    String found =
        at >= text.length()
            ? "the end"
            : "'" + text.substring(at, Math.min(text.length(), at + 12)) + "'";
    return new IllegalArgumentException(
        "shard selector, position " + at + ": expected " + expected + ", found " + found);
  }
}
