package dev.kubestate.exporter.cli;

import dev.kubestate.sharding.ShardMap;
import picocli.CommandLine.Option;

/** Automatic sharding from the pod's StatefulSet (KSM's names) and the choice of shard map. */
public final class ShardingOptions {

  @Option(
      names = "--pod",
      paramLabel = "NAME",
      description =
          "Name of this pod (downward API). With --pod-namespace: shard by the pod's StatefulSet"
              + " ordinal and replicas, re-sharding live; --shard and --total-shards are then"
              + " ignored. Default: none.")
  String pod;

  @Option(
      names = "--pod-namespace",
      paramLabel = "NS",
      description = "Namespace of this pod (downward API); see --pod. Default: none.")
  String podNamespace;

  @Option(
      names = "--shard-map",
      paramLabel = "MAP",
      description =
          "How object UIDs map to shards: jump-back-hash, consistent-ranges or ksm (KSM's own"
              + " assignment). Default: jump-back-hash.")
  String shardMap = ShardMap.NAMES.get(0);

  /**
   * The sharding configuration; automatic only when both {@code --pod} and
   * {@code --pod-namespace} are non-empty, as in KSM.
   *
   * @throws IllegalArgumentException naming the flag
   */
  ShardingConfig validate() {
    ShardMap map;
    try {
      map = ShardMap.named(shardMap);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--shard-map: " + e.getMessage(), e);
    }
    if (pod == null || pod.isBlank() || podNamespace == null || podNamespace.isBlank()) {
      return new ShardingConfig(map, null, null);
    }
    return new ShardingConfig(map, pod.trim(), podNamespace.trim());
  }
}
