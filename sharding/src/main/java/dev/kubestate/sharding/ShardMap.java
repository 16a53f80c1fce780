package dev.kubestate.sharding;

import java.util.List;

/**
 * Assigns object UIDs to shards. Every map makes ownership exclusive and total (each UID has
 * exactly one owner among the shards of a total) and consistent (growing from N to N+1 shards moves
 * UIDs only onto the new shard N, and shrinking moves only shard N's UIDs). Implementations are
 * immutable, thread-safe and allocate nothing per call beyond what hashing the UID's UTF-8 bytes
 * needs. The maps differ as follows.
 *
 * <ul>
 *   <li>{@code jump-back-hash} ({@link ShardMap#jumpBackHash()}, the default): hash4j's
 *       JumpBackHash over XXH3-64. Balance and movement are statistical (each shard owns an
 *       expected 1/N of UIDs, a resize moves an expected 1/(N+1)); any total; the fastest. Pick it
 *       when the API server cannot filter for you.
 *   <li>{@code consistent-ranges} ({@link ConsistentRangeMap}): ranges of the unsigned FNV-1a-64
 *       space, the hash the API server's {@code shardRange} uses. Exactly 1/N of the hash space
 *       per shard, exactly 1/(N+1) moved on growth, shard k &gt; 0 owns exactly k ranges; totals up
 *       to 1024. The only map whose shard can be expressed as a {@link ShardSelector}, so the only
 *       one for server-side sharding. How evenly objects follow the space depends on FNV-1a
 *       spreading the UIDs, which it does for random UUIDs.
 *   <li>{@code ksm} ({@link ShardMap#ksm()}): kube-state-metrics' own FNV-1a-64 and jump
 *       consistent hash, statistically balanced and consistent like the default. Pick it to
 *       replace a KSM fleet one replica at a time: during the migration each object is owned by
 *       the same ordinal on both sides.
 * </ul>
 */
public interface ShardMap {

  /** Names accepted by {@link #named}, the default first. */
  List<String> NAMES = List.of("jump-back-hash", "consistent-ranges", "ksm");

  /**
   * The shard that owns {@code uid} among {@code total} shards.
   *
   * @param uid the object's {@code metadata.uid}, non-null
   * @param total number of shards, at least 1
   * @return an ordinal in {@code [0, total)}
   */
  int shardOf(String uid, int total);

  /** Whether {@code shard} owns {@code uid}; an unsharded shard owns everything. */
  default boolean owns(Shard shard, String uid) {
    return !shard.isSharded() || shardOf(uid, shard.total()) == shard.ordinal();
  }

  /** The default map: JumpBackHash over XXH3-64. */
  static ShardMap jumpBackHash() {
    return JumpBackHashMap.INSTANCE;
  }

  /** Consistent ranges of the FNV-1a-64 space, as the API server's shard selector filters. */
  static ConsistentRangeMap consistentRanges() {
    return ConsistentRangeMap.INSTANCE;
  }

  /** kube-state-metrics' assignment: FNV-1a-64 and jump consistent hash. */
  static ShardMap ksm() {
    return KsmShardMap.INSTANCE;
  }

  /**
   * The map called {@code name}, one of {@link #NAMES}.
   *
   * @throws IllegalArgumentException for any other name, listing the valid ones
   */
  static ShardMap named(String name) {
    if (NAMES.get(0).equals(name)) {
      return jumpBackHash();
    }
    if (NAMES.get(1).equals(name)) {
      return consistentRanges();
    }
    if (NAMES.get(2).equals(name)) {
      return ksm();
    }
    throw new IllegalArgumentException(
        "unknown shard map " + name + ", expected one of " + String.join(", ", NAMES));
  }
}
