package dev.kubestate.sharding;

/**
 * A replica's place in a sharded fleet: ordinal in {@code [0, total)}. Immutable.
 *
 * @param ordinal zero-based index of this replica
 * @param total number of replicas, at least 1
 */
public record Shard(int ordinal, int total) {

  /** The single shard of an unsharded exporter. */
  public static final Shard ALL = new Shard(0, 1);

  public Shard {
    if (total < 1) {
      throw new IllegalArgumentException("total shards must be >= 1, got " + total);
    }
    if (ordinal < 0 || ordinal >= total) {
      throw new IllegalArgumentException(
          "ordinal " + ordinal + " out of range [0, " + total + ")");
    }
  }

  public boolean isSharded() {
    return total > 1;
  }
}
