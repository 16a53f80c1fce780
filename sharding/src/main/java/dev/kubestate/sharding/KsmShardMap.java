package dev.kubestate.sharding;

import java.util.Objects;

/**
 * kube-state-metrics' own assignment: FNV-1a-64 of the UID's UTF-8 bytes, then Lamping and Veach's
 * jump consistent hash computed in double precision, exactly as KSM's {@code pkg/sharding} does
 * (../shared/reference/ksm-behaviour.md 8.1). A replica using this map owns the same objects as a
 * KSM replica with the same {@code --shard} and {@code --total-shards}, so a fleet can be migrated
 * from KSM one replica at a time with neither gaps nor duplicates.
 *
 * <p>Growing from N to N+1 shards moves an expected 1/(N+1) of UIDs, all onto shard N. Immutable
 * and thread-safe; allocates nothing per call.
 */
final class KsmShardMap implements ShardMap {

  static final KsmShardMap INSTANCE = new KsmShardMap();

  /** The 64-bit linear congruential multiplier of the jump hash paper. */
  private static final long LCG_MULTIPLIER = 2862933555777941757L;

  private static final double TWO_TO_31 = 1L << 31;

  private KsmShardMap() {}

  @Override
  public int shardOf(String uid, int total) {
    Objects.requireNonNull(uid, "uid");
    if (total < 1) {
      throw new IllegalArgumentException("total shards must be >= 1, got " + total);
    }
    return jump(Fnv1a64.hashUtf8(uid), total);
  }

  /**
   * The jump consistent hash of {@code key} into {@code buckets} buckets.
   *
   * @param key any 64-bit key
   * @param buckets at least 1
   * @return a bucket in {@code [0, buckets)}
   */
  static int jump(long key, int buckets) {
    long bucket = -1;
    long next = 0;
    // Each round jumps forward by an expected factor, so it ends after O(log buckets) rounds.
    while (next < buckets) {
      bucket = next;
      key = key * LCG_MULTIPLIER + 1;
      next = (long) ((bucket + 1) * (TWO_TO_31 / (double) ((key >>> 33) + 1)));
    }
    return (int) bucket;
  }
}
