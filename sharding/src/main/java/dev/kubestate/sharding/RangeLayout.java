package dev.kubestate.sharding;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The consistent range layout for one number of shards: which half-open ranges of the unsigned
 * 64-bit hash space each shard owns. A pure function of the total, built by growing one step at a
 * time from a single shard owning everything. From n to n+1 shards, shard i (i &lt; n) cedes the
 * top {@code t(n, i) - t(n + 1, i)} hashes of its widest range (the highest of equally wide ones)
 * to the new shard n, where {@code t(n, i)} is {@code floor(2^64 / n)}, plus one for {@code i <
 * 2^64 mod n}. So every shard owns {@code floor(2^64 / n)} hashes or one more, and a step moves
 * exactly the new shard's share, all of it onto the new shard. Shrinking is the same step read
 * backwards.
 *
 * <p>Ceding from the widest range, rather than from the top of a shard's whole space, is what
 * bounds the ranges: every step cuts one range of each old shard without removing any, and the n
 * cut-off pieces never touch, so shard k owns exactly k ranges from its creation on (shard 0 one).
 * Ceding from the top of the whole space instead crosses range boundaries and was measured at
 * 1.3 N ranges for the last shard at N = 16 and 2.3 N at N = 1024.
 *
 * <p>Immutable and thread-safe; {@link #ownerOf} allocates nothing.
 */
final class RangeLayout {

  private static final Comparator<long[]> BY_START = (a, b) -> Long.compareUnsigned(a[0], b[0]);

  private final int total;

  /** Range starts with the sign bit flipped, so signed order is unsigned order of the starts. */
  private final long[] flippedStarts;

  private final int[] owners;
  private final List<List<HashRange>> rangesByOrdinal;

  private RangeLayout(int total, List<List<long[]>> shards) {
    this.total = total;
    List<long[]> all = new ArrayList<>();
    List<List<HashRange>> byOrdinal = new ArrayList<>(total);
    for (int ordinal = 0; ordinal < total; ordinal++) {
      List<HashRange> ranges = new ArrayList<>();
      for (long[] r : shards.get(ordinal)) {
        ranges.add(new HashRange(r[0], r[1]));
        all.add(new long[] {r[0], ordinal});
      }
      byOrdinal.add(Collections.unmodifiableList(ranges));
    }
    all.sort(BY_START);
    flippedStarts = new long[all.size()];
    owners = new int[all.size()];
    for (int k = 0; k < all.size(); k++) {
      flippedStarts[k] = all.get(k)[0] ^ Long.MIN_VALUE;
      owners[k] = (int) all.get(k)[1];
    }
    rangesByOrdinal = Collections.unmodifiableList(byOrdinal);
  }

  /**
   * The layout of {@code total} shards. Costs time proportional to {@code total^2 log(total)} and
   * memory proportional to {@code total^2}.
   *
   * @param total at least 1
   */
  static RangeLayout of(int total) {
    if (total < 1) {
      throw new IllegalArgumentException("total shards must be >= 1, got " + total);
    }
    List<PriorityQueue<long[]>> shards = new ArrayList<>(total);
    shards.add(widestFirst());
    shards.get(0).add(new long[] {0, 0});
    for (int n = 1; n < total; n++) {
      grow(shards, n);
    }
    List<List<long[]>> ascending = new ArrayList<>(total);
    for (PriorityQueue<long[]> own : shards) {
      List<long[]> ranges = new ArrayList<>(own);
      ranges.sort(BY_START);
      ascending.add(ranges);
    }
    return new RangeLayout(total, ascending);
  }

  /**
   * One growth step, from {@code n} shards to {@code n + 1}: shard i cedes the top {@code t(n, i) -
   * t(n + 1, i)} hashes of its widest range. That is less than the range's width: shard i owns at
   * least {@code floor(2^64 / n)} in at most {@code n - 1} ranges, so its widest exceeds {@code
   * 2^64 / n^2}, while it cedes at most {@code 2^64 / (n (n + 1)) + 2}. So every step cuts exactly
   * one range of every old shard and removes none.
   */
  private static void grow(List<PriorityQueue<long[]>> shards, int n) {
    BigInteger[] before = HashRange.SPACE.divideAndRemainder(BigInteger.valueOf(n));
    BigInteger[] after = HashRange.SPACE.divideAndRemainder(BigInteger.valueOf(n + 1));
    // Shares differ by about 2^64 / (n (n + 1)), which fits in an unsigned long for n >= 1.
    long quotientDrop = before[0].subtract(after[0]).longValue();
    int remainderBefore = before[1].intValue();
    int remainderAfter = after[1].intValue();
    PriorityQueue<long[]> gained = widestFirst();
    for (int i = 0; i < n; i++) {
      long cede = quotientDrop + (i < remainderBefore ? 1 : 0) - (i < remainderAfter ? 1 : 0);
      PriorityQueue<long[]> own = shards.get(i);
      long[] widest = own.poll();
      long split = widest[1] - cede;
      gained.add(new long[] {split, widest[1]});
      widest[1] = split;
      own.add(widest);
    }
    // Each piece is the top of a range of another shard, so no two pieces touch: the new shard
    // owns exactly n ranges.
    shards.add(gained);
  }

  /** Ranges by width descending, then start descending (the higher of equally wide ones first). */
  private static PriorityQueue<long[]> widestFirst() {
    // An end of 0 stands for 2^64 and the subtraction wraps to the right width; only the whole
    // space, alone in its shard, has width 0 here.
    return new PriorityQueue<>(
        (a, b) -> {
          int byWidth = Long.compareUnsigned(b[1] - b[0], a[1] - a[0]);
          return byWidth != 0 ? byWidth : Long.compareUnsigned(b[0], a[0]);
        });
  }

  int total() {
    return total;
  }

  /**
   * The shard owning {@code hash}, read as unsigned: a binary search over the range starts.
   * Allocates nothing.
   */
  int ownerOf(long hash) {
    int found = Arrays.binarySearch(flippedStarts, hash ^ Long.MIN_VALUE);
    // The first start is 0, so an absent hash always has a range starting below it.
    return owners[found >= 0 ? found : -found - 2];
  }

  /** The ranges of shard {@code ordinal}, ascending, disjoint and non-adjacent; unmodifiable. */
  List<HashRange> ranges(int ordinal) {
    return rangesByOrdinal.get(ordinal);
  }
}
