package dev.kubestate.exporter.resharding;

import dev.kubestate.sharding.HashRangeSet;
import java.math.BigInteger;
import java.util.List;

/**
 * When narrowed range slices are worth replacing by one slice of the owned ranges (one LIST of the
 * shard's own objects): when together they ask the API server for more than {@link
 * #MAX_REQUESTED_RATIO} times the owned hash space, or there are more than {@link #MAX_SLICES}.
 * Stateless.
 */
final class MergePolicy {

  /** Most hash space requested per hash space owned, before merging. */
  static final double MAX_REQUESTED_RATIO = 1.5;

  /** Most slices kept running side by side once settled. */
  static final int MAX_SLICES = 4;

  private MergePolicy() {}

  /** Hash space the slices ask the API server for, per hash space {@code owned}. */
  static double requestedRatio(List<RangeSlice> slices, HashRangeSet owned) {
    BigInteger requested = BigInteger.ZERO;
    for (RangeSlice s : slices) {
      requested = requested.add(s.requested().width());
    }
    return requested.doubleValue() / owned.width().doubleValue();
  }

  /** Whether {@code slices} slices asking for {@code ratio} times the owned space should merge. */
  static boolean shouldMerge(int slices, double ratio) {
    return slices > MAX_SLICES || ratio > MAX_REQUESTED_RATIO;
  }
}
