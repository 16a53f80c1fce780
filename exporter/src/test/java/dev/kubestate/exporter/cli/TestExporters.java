package dev.kubestate.exporter.cli;

import io.fabric8.kubernetes.client.Config;
import io.vertx.core.VertxOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/** Exporter configurations for pipeline tests: loopback listeners on ephemeral ports. */
final class TestExporters {

  private TestExporters() {}

  /**
   * Vert.x options whose blocked-thread checker reports any event-loop task longer than 50 ms,
   * so a handler that blocks shows up in the test log with its stack.
   */
  static VertxOptions strictEventLoop() {
    return new VertxOptions()
        .setMaxEventLoopExecuteTime(50)
        .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
        .setBlockedThreadCheckInterval(10)
        .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS);
  }

  /** A configuration watching {@code kubernetes} with the given export flags. */
  static ExporterConfig config(Config kubernetes, String... metricsFlags) {
    MetricsOptions options = new MetricsOptions();
    new CommandLine(new Holder(options)).parseArgs(metricsFlags);
    return new ExporterConfig(
        options.validate(), kubernetes, "127.0.0.1", 0, "127.0.0.1", 0, List.of(), List.of(),
        false);
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
