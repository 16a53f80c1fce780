package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.informers.NodeScope;
import io.fabric8.kubernetes.client.Config;
import java.util.List;
import java.util.Objects;

/**
 * Everything one exporter instance needs. Immutable (the fabric8 {@link Config} is not copied:
 * do not modify it after passing it in).
 *
 * @param settings what to export, from {@link MetricsOptions#validate()}
 * @param kubernetes the API server to watch
 * @param host main listener host ({@code ::} = all interfaces)
 * @param port main listener port; 0 picks a free one
 * @param telemetryHost telemetry listener host
 * @param telemetryPort telemetry listener port; 0 picks a free one
 * @param namespaces namespaces watched for namespaced kinds; empty = all
 * @param namespacesDenylist namespaces excluded from namespaced kinds
 * @param useApiserverCache whether LISTs use {@code resourceVersion=0}
 * @param nodeScope the pods exported, by node ({@code --node}, {@code --track-unscheduled-pods})
 * @param sharding how the shard is found, and the shard map
 */
public record ExporterConfig(
    ExportSettings settings,
    Config kubernetes,
    String host,
    int port,
    String telemetryHost,
    int telemetryPort,
    List<String> namespaces,
    List<String> namespacesDenylist,
    boolean useApiserverCache,
    NodeScope nodeScope,
    ShardingConfig sharding) {

  public ExporterConfig {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(nodeScope, "nodeScope");
    Objects.requireNonNull(kubernetes, "kubernetes");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(telemetryHost, "telemetryHost");
    namespaces = List.copyOf(namespaces);
    namespacesDenylist = List.copyOf(namespacesDenylist);
    Objects.requireNonNull(nodeScope, "nodeScope");
    Objects.requireNonNull(sharding, "sharding");
  }

  /** A configuration exporting the pods of every node, sharded statically. */
  public ExporterConfig(
      ExportSettings settings,
      Config kubernetes,
      String host,
      int port,
      String telemetryHost,
      int telemetryPort,
      List<String> namespaces,
      List<String> namespacesDenylist,
      boolean useApiserverCache) {
    this(
        settings,
        kubernetes,
        host,
        port,
        telemetryHost,
        telemetryPort,
        namespaces,
        namespacesDenylist,
        useApiserverCache,
        NodeScope.all(),
        ShardingConfig.STATIC);
  }

  /** This configuration with {@code settings} instead. */
  public ExporterConfig withSettings(ExportSettings settings) {
    return new ExporterConfig(
        settings,
        kubernetes,
        host,
        port,
        telemetryHost,
        telemetryPort,
        namespaces,
        namespacesDenylist,
        useApiserverCache,
        nodeScope,
        sharding);
  }

  /** This configuration with {@code sharding} instead. */
  public ExporterConfig withSharding(ShardingConfig sharding) {
    return new ExporterConfig(
        settings,
        kubernetes,
        host,
        port,
        telemetryHost,
        telemetryPort,
        namespaces,
        namespacesDenylist,
        useApiserverCache,
        nodeScope,
        sharding);
  }
}
