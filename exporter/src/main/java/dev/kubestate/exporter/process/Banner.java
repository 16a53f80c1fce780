package dev.kubestate.exporter.process;

import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;

/**
 * The line an exporter logs once it listens: version, shard (static or automatic), resources,
 * shard map, server-side sharding and ports. Stateless.
 */
final class Banner {

  private Banner() {}

  /**
   * The banner of an exporter started from {@code config}.
   *
   * @param shard the shard it starts with
   * @param selectsOnServer whether LIST and WATCH carry a shard selector
   * @param metricsPort the main listener's bound port
   * @param telemetryPort the telemetry listener's bound port
   */
  static String of(
      ExporterConfig config,
      Shard shard,
      boolean selectsOnServer,
      int metricsPort,
      int telemetryPort) {
    Sharding sharding = config.sharding();
    StringBuilder b = new StringBuilder("kube-state-exporter ").append(BuildInfo.version());
    b.append(" started: ");
    if (sharding.automatic()) {
      b.append("automatic sharding as pod ")
          .append(sharding.podNamespace())
          .append('/')
          .append(sharding.pod())
          .append(", shard ");
    } else {
      b.append("shard ");
    }
    b.append(shard.ordinal()).append(" of ").append(shard.total());
    b.append(" (shard map ").append(mapName(sharding.map()));
    b.append(", server-side sharding ").append(sharding.serverSide().flagValue());
    b.append(selectsOnServer ? ": on" : ": off").append("), ");
    int resources = config.metrics().resources().size();
    b.append(resources).append(resources == 1 ? " resource" : " resources");
    if (config.cluster().nodeScope().restricts()) {
      b.append(" (").append(config.cluster().nodeScope()).append(')');
    }
    b.append(", API server ").append(config.cluster().kubernetes().getMasterUrl());
    b.append(", metrics on :").append(metricsPort);
    b.append(", telemetry on :").append(telemetryPort);
    return b.toString();
  }

  /** The {@code --shard-map} name of {@code map}. */
  static String mapName(ShardMap map) {
    for (String name : ShardMap.NAMES) {
      if (ShardMap.named(name) == map) {
        return name;
      }
    }
    return map.getClass().getSimpleName();
  }
}
