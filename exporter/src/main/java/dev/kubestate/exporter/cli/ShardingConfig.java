package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.informers.ServerSideSharding;
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
 * @param serverSide whether LIST and WATCH requests carry a shard selector
 */
public record ShardingConfig(
    ShardMap shardMap, String pod, String podNamespace, ServerSideSharding serverSide) {

  /** Static sharding with the default map. */
  public static final ShardingConfig STATIC =
      new ShardingConfig(ShardMap.jumpBackHash(), null, null);

  /** As the canonical constructor, with server-side sharding {@code auto}. */
  public ShardingConfig(ShardMap shardMap, String pod, String podNamespace) {
    this(shardMap, pod, podNamespace, ServerSideSharding.AUTO);
  }

  public ShardingConfig {
    Objects.requireNonNull(shardMap, "shardMap");
    Objects.requireNonNull(serverSide, "serverSide");
    if (pod != null) {
      Objects.requireNonNull(podNamespace, "podNamespace");
    }
  }

  /** Whether the shard comes from the pod's StatefulSet. */
  public boolean automatic() {
    return pod != null;
  }
}
