package dev.kubestate.exporter.metrics;

/**
 * One object's exposition lines for every generated family of its kind, as one byte array cut
 * into consecutive family slices, with the resourceVersion they were rendered from. Immutable once
 * published (the arrays are never written after construction); a scrape copies slices, an update
 * replaces the whole object.
 */
public final class RenderedObject {

  /** The {@link #resourceVersion} of lines rendered from an object without a numeric one. */
  public static final long NO_VERSION = -1;

  /** No family slices, no bytes; never the rendering of an object. */
  public static final RenderedObject EMPTY =
      new RenderedObject(new byte[0], new int[0], NO_VERSION);

  private final byte[] bytes;
  private final int[] ends;
  private final long resourceVersion;

  RenderedObject(byte[] bytes, int[] ends, long resourceVersion) {
    this.bytes = bytes;
    this.ends = ends;
    this.resourceVersion = resourceVersion;
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

  /**
   * The object's {@code metadata.resourceVersion} these lines were rendered from, as a number
   * (at least 0), or {@link #NO_VERSION} when it was absent or not a decimal number.
   */
  public long resourceVersion() {
    return resourceVersion;
  }
}
