package dev.kubestate.exporter.process;

import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import java.util.Objects;

/**
 * How one exporter is sharded: the UID-to-shard map, the shard (static, or when {@code pod} is set
 * read from the pod's StatefulSet and followed live) and whether LIST and WATCH requests carry a
 * shard selector. Immutable.
 *
 * @param map the UID-to-shard map
 * @param staticShard the shard when {@code pod} is null ({@code --shard}, {@code --total-shards});
 *     ignored otherwise, as KSM ignores those flags then
 * @param pod this instance's pod name, or null for static sharding
 * @param podNamespace the pod's namespace; non-null when {@code pod} is
 * @param serverSide whether LIST and WATCH requests carry a shard selector
 */
public record Sharding(
    ShardMap map,
    Shard staticShard,
    String pod,
    String podNamespace,
    ServerSideSharding serverSide) {

  public Sharding {
    Objects.requireNonNull(map, "map");
    Objects.requireNonNull(staticShard, "staticShard");
    Objects.requireNonNull(serverSide, "serverSide");
    if (pod != null) {
      Objects.requireNonNull(podNamespace, "podNamespace");
    }
  }

  /** Static sharding: always {@code shard} of {@code map}. */
  public static Sharding fixed(ShardMap map, Shard shard, ServerSideSharding serverSide) {
    return new Sharding(map, shard, null, null, serverSide);
  }

  /** Automatic sharding as pod {@code podNamespace/pod} of a StatefulSet. */
  public static Sharding automatic(
      ShardMap map, String podNamespace, String pod, ServerSideSharding serverSide) {
    return new Sharding(
        map, Shard.ALL, Objects.requireNonNull(pod, "pod"), podNamespace, serverSide);
  }

  /** Whether the shard comes from the pod's StatefulSet. */
  public boolean automatic() {
    return pod != null;
  }
}
