package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.process.Sharding;
import dev.kubestate.sharding.Shard;
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
              + " assignment). Default: jump-back-hash, or consistent-ranges with"
              + " --server-side-sharding=on.")
  String shardMap;

  @Option(
      names = "--server-side-sharding",
      paramLabel = "MODE",
      description =
          "Ask the API server (Kubernetes 1.36+, gate ShardedListAndWatch) to send each shard only"
              + " its objects, with a shardSelector on every LIST and WATCH: auto (when the shard"
              + " map is consistent-ranges), on (requires consistent-ranges) or off. Objects are"
              + " always filtered on the client too. Default: auto.")
  String serverSideSharding = ServerSideSharding.AUTO.flagValue();

  /**
   * How the instance is sharded; automatically only when both {@code --pod} and {@code
   * --pod-namespace} are non-empty, as in KSM.
   *
   * @param staticShard the shard of {@code --shard} and {@code --total-shards}, used when
   *     sharding is not automatic
   * @throws IllegalArgumentException naming the flag
   */
  public Sharding validate(Shard staticShard) {
    ServerSideSharding serverSide;
    try {
      serverSide = ServerSideSharding.parse(serverSideSharding);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--server-side-sharding: " + e.getMessage(), e);
    }
    ShardMap map;
    String mapName = shardMap;
    if (mapName == null) {
      mapName = serverSide == ServerSideSharding.ON ? ShardMap.NAMES.get(1) : ShardMap.NAMES.get(0);
    }
    try {
      map = ShardMap.named(mapName);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--shard-map: " + e.getMessage(), e);
    }
    if (serverSide == ServerSideSharding.ON && !serverSide.selects(map)) {
      throw new IllegalArgumentException(
          "--server-side-sharding: on needs --shard-map="
              + ShardMap.NAMES.get(1)
              + " (the API server selects FNV-1a hash ranges), got --shard-map="
              + mapName);
    }
    if (pod == null || pod.isBlank() || podNamespace == null || podNamespace.isBlank()) {
      return Sharding.fixed(map, staticShard, serverSide);
    }
    return new Sharding(map, staticShard, pod.trim(), podNamespace.trim(), serverSide);
  }

  /** Whether {@code --pod} or {@code --pod-namespace} was given. */
  public boolean namesAPod() {
    return pod != null || podNamespace != null;
  }
}
