package dev.kubestate.exporter.metrics;

/**
 * One object's exposition lines for every generated family of its kind, as one byte array cut
 * into consecutive family slices. Immutable once published (the arrays are never written after
 * construction); a scrape copies slices, an update replaces the whole object.
 */
public final class RenderedObject {

  private final byte[] bytes;
  private final int[] ends;

  RenderedObject(byte[] bytes, int[] ends) {
    this.bytes = bytes;
    this.ends = ends;
  }

  /** Number of family slices, equal to the renderer's family count. */
  public int familyCount() {
    return ends.length;
  }

  /** The backing array: do not modify. */
  public byte[] bytes() {
    return bytes;
  }

  /** Start offset of family {@code f}'s lines in {@link #bytes()}. */
  public int start(int f) {
    return f == 0 ? 0 : ends[f - 1];
  }

  /** End offset (exclusive) of family {@code f}'s lines. */
  public int end(int f) {
    return ends[f];
  }

  /** Total bytes over all families. */
  public int size() {
    return ends.length == 0 ? 0 : ends[ends.length - 1];
  }

  /** Approximate retained heap of this object, in bytes (arrays and headers). */
  public long retainedBytes() {
    return 16 + 16 + bytes.length + 16 + 4L * ends.length;
  }
}
