package dev.kubestate.sharding;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A set of hashes of the unsigned 64-bit space, held as sorted, disjoint, non-adjacent {@link
 * HashRange}s, with the set algebra a re-shard needs: which ranges a shard gains ({@link #minus}),
 * which it keeps ({@link #intersect}), and whether a UID's FNV-1a hash is in the set ({@link
 * #containsUid}). Two sets holding the same hashes are equal. Immutable and thread-safe; {@link
 * #contains} and {@link #containsUid} allocate nothing.
 */
public final class HashRangeSet {

  /** The empty set. */
  public static final HashRangeSet EMPTY = new HashRangeSet(new long[0], new long[0]);

  /** The whole space, {@code [0, 2^64)}. */
  public static final HashRangeSet WHOLE = of(List.of(HashRange.WHOLE));

  /** Range starts, ascending unsigned. */
  private final long[] starts;

  /** Range ends, exclusive, unsigned; 0 means 2^64 and can only be the last. */
  private final long[] ends;

  private HashRangeSet(long[] starts, long[] ends) {
    this.starts = starts;
    this.ends = ends;
  }

  /** The set of hashes in any of {@code ranges}, which may overlap or touch and be unsorted. */
  public static HashRangeSet of(Collection<HashRange> ranges) {
    List<HashRange> sorted = new ArrayList<>(ranges);
    sorted.sort((a, b) -> Long.compareUnsigned(a.startInclusive(), b.startInclusive()));
    long[] starts = new long[sorted.size()];
    long[] ends = new long[sorted.size()];
    int n = 0;
    for (HashRange r : sorted) {
      if (n > 0 && !startsAfter(r.startInclusive(), ends[n - 1])) {
        // Overlaps or touches the previous range: extend it.
        if (endsLater(r.endExclusive(), ends[n - 1])) {
          ends[n - 1] = r.endExclusive();
        }
        continue;
      }
      starts[n] = r.startInclusive();
      ends[n] = r.endExclusive();
      n++;
    }
    return new HashRangeSet(Arrays.copyOf(starts, n), Arrays.copyOf(ends, n));
  }

  /** Whether {@code start} lies beyond {@code end} (0 = 2^64), leaving a gap between them. */
  private static boolean startsAfter(long start, long end) {
    return end != 0 && Long.compareUnsigned(start, end) > 0;
  }

  /** Whether exclusive end {@code a} is above exclusive end {@code b}, 0 meaning 2^64 for both. */
  private static boolean endsLater(long a, long b) {
    return b != 0 && (a == 0 || Long.compareUnsigned(a, b) > 0);
  }

  /** The ranges of the set, ascending, disjoint and never adjacent. */
  public List<HashRange> ranges() {
    List<HashRange> out = new ArrayList<>(starts.length);
    for (int i = 0; i < starts.length; i++) {
      out.add(new HashRange(starts[i], ends[i]));
    }
    return List.copyOf(out);
  }

  /** Whether the set holds no hash. */
  public boolean isEmpty() {
    return starts.length == 0;
  }

  /** Whether the set is the whole space. */
  public boolean isWhole() {
    return starts.length == 1 && starts[0] == 0 && ends[0] == 0;
  }

  /** The number of hashes in the set, in {@code [0, 2^64]}. */
  public BigInteger width() {
    BigInteger w = BigInteger.ZERO;
    for (int i = 0; i < starts.length; i++) {
      w = w.add(new HashRange(starts[i], ends[i]).width());
    }
    return w;
  }

  /** The set's share of the whole space, in {@code [0, 1]}. */
  public double fraction() {
    return width().doubleValue() / HashRange.SPACE.doubleValue();
  }

  /** Whether {@code hash}, read as unsigned, is in the set; binary search, allocates nothing. */
  public boolean contains(long hash) {
    int lo = 0;
    int hi = starts.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (Long.compareUnsigned(hash, starts[mid]) < 0) {
        hi = mid - 1;
      } else if (ends[mid] != 0 && Long.compareUnsigned(hash, ends[mid]) >= 0) {
        lo = mid + 1;
      } else {
        return true;
      }
    }
    return false;
  }

  /** Whether the FNV-1a hash of {@code uid}'s UTF-8 bytes is in the set. */
  public boolean containsUid(String uid) {
    return contains(Fnv1a64.hashUtf8(uid));
  }

  /** Whether every hash of {@code other} is in this set. */
  public boolean containsAll(HashRangeSet other) {
    return other.minus(this).isEmpty();
  }

  /** The hashes in both sets. */
  public HashRangeSet intersect(HashRangeSet other) {
    return other.complement().union(complement()).complement();
  }

  /** The hashes in either set. */
  public HashRangeSet union(HashRangeSet other) {
    List<HashRange> all = new ArrayList<>(ranges());
    all.addAll(other.ranges());
    return of(all);
  }

  /** The hashes in this set and not in {@code other}. */
  public HashRangeSet minus(HashRangeSet other) {
    return other.union(complement()).complement();
  }

  /** The hashes not in this set. */
  public HashRangeSet complement() {
    List<HashRange> gaps = new ArrayList<>(starts.length + 1);
    long from = 0;
    boolean fromIsEndOfSpace = false;
    for (int i = 0; i < starts.length; i++) {
      if (starts[i] != from) {
        gaps.add(new HashRange(from, starts[i]));
      }
      if (ends[i] == 0) {
        fromIsEndOfSpace = true;
        break;
      }
      from = ends[i];
    }
    if (!fromIsEndOfSpace) {
      gaps.add(new HashRange(from, 0));
    }
    return of(gaps);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HashRangeSet s
        && Arrays.equals(starts, s.starts)
        && Arrays.equals(ends, s.ends);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(starts) + Arrays.hashCode(ends);
  }

  /** The ranges, e.g. {@code [[0x0, 0x8000000000000000)]}. */
  @Override
  public String toString() {
    return ranges().toString();
  }
}
