package dev.kubestate.exporter.exposition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array with the appends exposition needs: ASCII, label values escaped as KSM
 * escapes them, and numbers in KSM's format. Not thread-safe: confined to the thread rendering
 * one object. {@link #reset()} keeps the capacity so one buffer serves many renders.
 */
public final class ExpositionBuffer {

  private byte[] bytes;
  private int size;
  private final byte[] scratch = new byte[24];

  public ExpositionBuffer(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  public int size() {
    return size;
  }

  /** Forgets the content, keeps the capacity. */
  public void reset() {
    size = 0;
  }

  /** Drops everything after {@code newSize} (used to undo a partly written family). */
  public void truncate(int newSize) {
    if (newSize < 0 || newSize > size) {
      throw new IllegalArgumentException("truncate to " + newSize + " of " + size);
    }
    size = newSize;
  }

  /** A copy of the content; allocates only the returned array. */
  public byte[] toByteArray() {
    return Arrays.copyOf(bytes, size);
  }

  /** The backing array; valid up to {@link #size()} until the next append. */
  public byte[] array() {
    return bytes;
  }

  byte[] scratch() {
    return scratch;
  }

  public ExpositionBuffer appendByte(int b) {
    ensure(1);
    bytes[size++] = (byte) b;
    return this;
  }

  public ExpositionBuffer appendBytes(byte[] src) {
    return appendBytes(src, 0, src.length);
  }

  public ExpositionBuffer appendBytes(byte[] src, int offset, int length) {
    ensure(length);
    System.arraycopy(src, offset, bytes, size, length);
    size += length;
    return this;
  }

  /**
   * Appends a copy of this buffer's own bytes {@code [from, to)} (used to repeat the start of a
   * line); allocates nothing beyond buffer growth.
   */
  public ExpositionBuffer appendCopy(int from, int to) {
    if (from < 0 || from > to || to > size) {
      throw new IllegalArgumentException("copy of [" + from + ", " + to + ") of " + size);
    }
    int length = to - from;
    ensure(length);
    System.arraycopy(bytes, from, bytes, size, length);
    size += length;
    return this;
  }

  /** Appends a string known to be ASCII (names, fixed words), one byte per char. */
  public ExpositionBuffer appendAscii(String s) {
    return appendAscii(s, 0, s.length());
  }

  /** Appends chars {@code [from, to)} of an ASCII string. */
  public ExpositionBuffer appendAscii(String s, int from, int to) {
    ensure(to - from);
    byte[] b = bytes;
    int n = size;
    for (int i = from; i < to; i++) {
      b[n++] = (byte) s.charAt(i);
    }
    size = n;
    return this;
  }

  /**
   * Appends a label value as UTF-8 with KSM's escaping: backslash, double quote and line feed
   * become {@code \\}, {@code \"} and {@code \n}; everything else passes through
   * (reference/ksm-behaviour.md 3.3). An unpaired surrogate is written as U+FFFD, so the output
   * is always valid UTF-8 and a value can never end the line or the quoted string early.
   * Allocates nothing beyond buffer growth.
   */
  public ExpositionBuffer appendLabelValue(String value) {
    int length = value.length();
    // At most 3 bytes per char: an escape is 2, a char below U+0800 at most 2, a BMP char 3, and a
    // surrogate pair (2 chars) 4.
    ensure(3 * length);
    byte[] b = bytes;
    int n = size;
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x80) {
        if (c == '\\' || c == '"') {
          b[n++] = '\\';
          b[n++] = (byte) c;
        } else if (c == '\n') {
          b[n++] = '\\';
          b[n++] = 'n';
        } else {
          b[n++] = (byte) c;
        }
      } else if (c < 0x800) {
        b[n++] = (byte) (0xC0 | (c >> 6));
        b[n++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, value.charAt(++i));
        b[n++] = (byte) (0xF0 | (cp >> 18));
        b[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[n++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        b[n++] = (byte) 0xEF;
        b[n++] = (byte) 0xBF;
        b[n++] = (byte) 0xBD;
      } else {
        b[n++] = (byte) (0xE0 | (c >> 12));
        b[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    size = n;
    return this;
  }

  /** Appends a sample value in KSM's number format ({@link FloatText}). */
  public ExpositionBuffer appendValue(double value) {
    FloatText.append(this, value);
    return this;
  }

  private void ensure(int extra) {
    int needed = size + extra;
    if (needed > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
    }
  }

  @Override
  public String toString() {
    return new String(bytes, 0, size, StandardCharsets.UTF_8);
  }
}
