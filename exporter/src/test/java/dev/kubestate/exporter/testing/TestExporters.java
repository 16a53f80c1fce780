package dev.kubestate.exporter.testing;

import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.cli.MetricsOptions;
import dev.kubestate.exporter.process.ClusterWatch;
import dev.kubestate.exporter.process.ExporterConfig;
import dev.kubestate.exporter.process.Listeners;
import dev.kubestate.exporter.process.Sharding;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.client.Config;
import io.vertx.core.VertxOptions;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Exporter configurations for pipeline tests: loopback listeners on ephemeral ports. */
public final class TestExporters {

  private TestExporters() {}

  /**
   * Vert.x options whose blocked-thread checker reports any event-loop task longer than 50 ms, so a
   * handler that blocks shows up in the test log with its stack.
   */
  public static VertxOptions strictEventLoop() {
    return new VertxOptions()
        .setMaxEventLoopExecuteTime(50)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(10)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS);
  }

  /** A configuration watching {@code kubernetes} with the given export flags. */
  public static ExporterConfig config(Config kubernetes, String... metricsFlags) {
    MetricsOptions options = new MetricsOptions();
    new CommandLine(new Holder(options)).parseArgs(metricsFlags);
    return new ExporterConfig(
        options.validate(),
        Sharding.fixed(ShardMap.jumpBackHash(), options.staticShard(), ServerSideSharding.AUTO),
        ClusterWatch.all(kubernetes),
        Listeners.ephemeral("127.0.0.1"));
  }

  /** {@code config} sharded as {@code sharding}. */
  public static ExporterConfig sharded(ExporterConfig config, Sharding sharding) {
    return new ExporterConfig(config.metrics(), sharding, config.cluster(), config.listeners());
  }

  /** {@code config} watching what {@code cluster} says. */
  public static ExporterConfig watching(ExporterConfig config, ClusterWatch cluster) {
    return new ExporterConfig(config.metrics(), config.sharding(), cluster, config.listeners());
  }

  /** Lets picocli fill a {@link MetricsOptions} from test arguments. */
  @CommandLine.Command
  static final class Holder {
    @CommandLine.Mixin final MetricsOptions options;

    Holder(MetricsOptions options) {
      this.options = options;
    }
  }
}
