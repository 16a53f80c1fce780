package dev.kubestate.exporter.cli;

import dev.kubestate.sharding.ShardMap;
import java.util.Objects;

/**
 * How an exporter finds its shard: statically ({@code --shard}/{@code --total-shards} in the
 * export settings) or, when {@code pod} is set, from the pod's StatefulSet, followed live.
 * Immutable.
 *
 * @param shardMap the UID-to-shard map
 * @param pod this instance's pod name, or null for static sharding
 * @param podNamespace the pod's namespace; non-null when {@code pod} is
 */
public record ShardingConfig(ShardMap shardMap, String pod, String podNamespace) {

  /** Static sharding with the default map. */
  public static final ShardingConfig STATIC =
      new ShardingConfig(ShardMap.jumpBackHash(), null, null);

  public ShardingConfig {
    Objects.requireNonNull(shardMap, "shardMap");
    if (pod != null) {
      Objects.requireNonNull(podNamespace, "podNamespace");
    }
  }

  /** Whether the shard comes from the pod's StatefulSet. */
  public boolean automatic() {
    return pod != null;
  }
}
