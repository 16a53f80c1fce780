package dev.kubestate.exporter.process;

import java.util.Objects;

/**
 * Everything one exporter instance needs. Immutable.
 *
 * @param metrics what is exported
 * @param sharding how the shard is found, and the shard map
 * @param cluster the API server watched, and what of it
 * @param listeners where the main and telemetry listeners bind
 */
public record ExporterConfig(
    ExportedMetrics metrics, Sharding sharding, ClusterWatch cluster, Listeners listeners) {

  public ExporterConfig {
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(sharding, "sharding");
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(listeners, "listeners");
  }
}
