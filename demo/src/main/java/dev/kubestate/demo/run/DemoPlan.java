package dev.kubestate.demo.run;

import dev.kubestate.apiserver.ApiServerFeatures;
import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.sharding.ShardMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What one demo run does: the synthetic cluster it seeds, the embedded API server's behaviour, the
 * shards it starts and on which ports, how it resizes them, the churn, and what every shard
 * exports. Immutable; the values are checked where they are read from flags.
 *
 * @param shards exporter shards at start, at least 1
 * @param port main port of shard 0, shard k uses {@code port + k}; 0: ephemeral ports
 * @param telemetryPort telemetry port of shard 0, as {@code port}
 * @param nodes nodes of the synthetic cluster
 * @param pods pods of the synthetic cluster
 * @param seed seed of the synthetic cluster and its churn
 * @param churn object changes per second; 0: none
 * @param resizeEverySeconds seconds between a settle and the next resize; 0: never
 * @param resizes the replica counts resizes cycle through; empty when the demo never resizes
 * @param apiServer the embedded API server's optional behaviours
 * @param apiServerPort the embedded API server's port on 127.0.0.1; 0: an ephemeral port
 * @param kubeconfig where the kubeconfig for the embedded API server is written
 * @param metrics what every shard exports
 * @param shardMap the UID-to-shard map of every shard
 * @param serverSide whether every shard's LIST and WATCH carry a shard selector
 */
public record DemoPlan(
    int shards,
    int port,
    int telemetryPort,
    int nodes,
    int pods,
    long seed,
    double churn,
    int resizeEverySeconds,
    List<Integer> resizes,
    ApiServerFeatures apiServer,
    int apiServerPort,
    Path kubeconfig,
    ExportedMetrics metrics,
    ShardMap shardMap,
    ServerSideSharding serverSide) {

  public DemoPlan {
    resizes = List.copyOf(resizes);
    Objects.requireNonNull(apiServer, "apiServer");
    Objects.requireNonNull(kubeconfig, "kubeconfig");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(shardMap, "shardMap");
    Objects.requireNonNull(serverSide, "serverSide");
  }

  /** Main port of shard {@code k}; 0 for an ephemeral port. */
  public int port(int k) {
    return port == 0 ? 0 : port + k;
  }

  /** Telemetry port of shard {@code k}; 0 for an ephemeral port. */
  public int telemetryPort(int k) {
    return telemetryPort == 0 ? 0 : telemetryPort + k;
  }
}
