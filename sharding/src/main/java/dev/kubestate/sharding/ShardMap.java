package dev.kubestate.sharding;

/**
 * Assigns object UIDs to shards. Implementations are immutable, thread-safe and allocate nothing
 * per call beyond what hashing the UID's UTF-8 bytes needs.
 */
public interface ShardMap {

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
}
