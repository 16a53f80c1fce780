package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.demo.SyntheticCluster;
import dev.kubestate.sharding.Shard;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: an embedded API server seeded with a synthetic cluster, and K exporter shards
 * watching it from one process on consecutive ports; optionally churns the cluster. Runs until
 * interrupted (Ctrl-C), then stops exporters, churn and API server in that order and exits 0.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run an embedded API server with a synthetic cluster and K exporter shards in one process.",
      "Shard k serves /metrics on --port + k and telemetry on --telemetry-port + k (port 0:"
          + " ephemeral ports). Stop with Ctrl-C."
    })
final class DemoCommand implements Callable<Integer> {

  @Mixin MetricsOptions metrics;

  @Spec CommandSpec spec;

  @Option(
      names = "--shards",
      paramLabel = "K",
      description = "Number of exporter shards. Default: 1.")
  int shards = 1;

  @Option(
      names = "--port",
      paramLabel = "P",
      description = "Main port of shard 0; shard k uses P+k. Default: 8080.")
  int port = 8080;

  @Option(
      names = "--telemetry-port",
      paramLabel = "T",
      description = "Telemetry port of shard 0; shard k uses T+k. Default: 9080.")
  int telemetryPort = 9080;

  @Option(
      names = "--nodes",
      paramLabel = "N",
      description = "Nodes in the synthetic cluster. Default: 50.")
  int nodes = 50;

  @Option(
      names = "--pods",
      paramLabel = "N",
      description = "Pods in the synthetic cluster. Default: 2000.")
  int pods = 2000;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of the synthetic cluster and its churn. Default: 1.")
  long seed = 1;

  @Option(
      names = "--churn",
      paramLabel = "R",
      description = "Object changes per second once started (0: none). Default: 0.")
  double churn = 0;

  /** Counted down never: the command runs until the JVM is asked to stop. */
  private final CountDownLatch forever = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    ExportSettings settings;
    try {
      validate();
      settings = metrics.validate();
    } catch (IllegalArgumentException e) {
      throw Main.usage(spec.commandLine(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    DemoRun run = new DemoRun(out);
    try {
      run.start(settings, this);
    } catch (Exception e) {
      err.println("demo: " + e.getMessage());
      err.flush();
      run.close();
      return 1;
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  out.println("demo: stopping");
                  run.close();
                  out.println("demo: stopped");
                  out.flush();
                  // An interrupted demo has done its job: report success rather than the signal.
                  Runtime.getRuntime().halt(0);
                },
                "demo-shutdown"));
    run.reportSync();
    forever.await();
    return 0;
  }

  /**
   * @throws IllegalArgumentException naming the flag
   */
  void validate() {
    if (metrics.shard != 0 || metrics.totalShards != 1) {
      throw new IllegalArgumentException(
          "--shard/--total-shards: the demo sets each shard itself; use --shards K");
    }
    if (shards < 1) {
      throw new IllegalArgumentException("--shards: must be >= 1, got " + shards);
    }
    nonNegative("--nodes", nodes);
    nonNegative("--pods", pods);
    if (!(churn >= 0) || Double.isInfinite(churn)) {
      throw new IllegalArgumentException("--churn: must be a number >= 0, got " + churn);
    }
    checkRange("--port", port);
    checkRange("--telemetry-port", telemetryPort);
    if (port != 0
        && telemetryPort != 0
        && port < telemetryPort + shards
        && telemetryPort < port + shards) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--telemetry-port: ports %d-%d overlap --port's %d-%d",
              telemetryPort,
              telemetryPort + shards - 1,
              port,
              port + shards - 1));
    }
  }

  private static void nonNegative(String flag, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(flag + ": must be >= 0, got " + value);
    }
  }

  private void checkRange(String flag, int first) {
    if (first < 0 || first > 65535 || (first != 0 && first + shards - 1 > 65535)) {
      throw new IllegalArgumentException(
          flag
              + ": must be 0, or in [1, "
              + (65536 - shards)
              + "] for "
              + shards
              + " shard(s), got "
              + first);
    }
  }

  /** Settings of shard {@code k} of {@code total}: everything else as given. */
  static ExportSettings forShard(ExportSettings s, int k, int total) {
    return new ExportSettings(
        s.resources(), s.filter(), s.labels(), s.annotations(), new Shard(k, total));
  }

  /** What {@link DemoRun} needs from the flags. */
  int shards() {
    return shards;
  }

  int port(int k) {
    return port == 0 ? 0 : port + k;
  }

  int telemetryPort(int k) {
    return telemetryPort == 0 ? 0 : telemetryPort + k;
  }

  SyntheticCluster generate() {
    return SyntheticCluster.generate(seed, nodes, pods);
  }

  double churn() {
    return churn;
  }
}
