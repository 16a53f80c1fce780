package dev.kubestate.demo.cli;

import dev.kubestate.apiserver.ApiServerFeatures;
import dev.kubestate.demo.run.DemoPlan;
import dev.kubestate.demo.run.DemoRun;
import dev.kubestate.exporter.cli.Main;
import dev.kubestate.exporter.cli.MetricsOptions;
import dev.kubestate.exporter.cli.OptionsFile;
import dev.kubestate.exporter.cli.ServerOptions;
import dev.kubestate.exporter.cli.ShardingOptions;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.exporter.process.Sharding;
import dev.kubestate.exporter.process.WebSecurity;
import dev.kubestate.sharding.Shard;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * watching it from one process on consecutive ports, each the pod of a StatefulSet in that API
 * server and sharded automatically from it; optionally resizes the StatefulSet on a schedule and
 * churns the cluster. Runs until interrupted (Ctrl-C), then stops exporters, churn and API server
 * in that order and exits 0.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run an embedded API server with a synthetic cluster and K exporter shards in one process.",
      "Shard k serves /metrics on --port + k and telemetry on --telemetry-port + k (port 0:"
          + " ephemeral ports). Each shard runs as pod kube-state-exporter-k of StatefulSet"
          + " kube-state-exporter/kube-state-exporter in the embedded API server and re-shards"
          + " live when its replicas change (kubectl scale, or scale N below). kubectl reaches"
          + " the API server through the kubeconfig the demo writes. Without a heap limit of"
          + " its own (-Xmx) the demo runs in a child JVM with one sized for the cluster."
          + " Stop with Ctrl-C."
    })
final class DemoCommand implements Callable<Integer> {

  @Mixin MetricsOptions metrics;

  @Mixin ShardingOptions sharding;

  @Mixin OptionsFile optionsFile;

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

  @Option(
      names = "--resize-every",
      paramLabel = "S",
      description =
          "Resize the StatefulSet S seconds after the shards settled at the last size, cycling"
              + " through --resize-sizes (0: never). Default: 0.")
  int resizeEvery = 0;

  @Option(
      names = "--resize-sizes",
      paramLabel = "N,N...",
      split = ",",
      description =
          "Replica counts --resize-every cycles through, starting after --shards' place in the"
              + " list. Default: K,K+1 for --shards K.")
  List<Integer> resizeSizes;

  @Option(
      names = "--api-server-shard-selector",
      paramLabel = "MODE",
      description =
          "Whether the embedded API server honours the shardSelector of LIST and WATCH"
              + " (honour, as Kubernetes 1.36+ with ShardedListAndWatch) or ignores it (ignore,"
              + " as older servers). Default: honour.")
  String apiServerShardSelector = "honour";

  @Option(
      names = "--api-server-port",
      paramLabel = "P",
      description =
          "Port of the embedded API server on 127.0.0.1 (plain HTTP, no auth; 0: an ephemeral"
              + " port). Default: 6443.")
  int apiServerPort = 6443;

  @Option(
      names = "--kubeconfig-out",
      paramLabel = "FILE",
      description =
          "Where to write a kubeconfig for the embedded API server (for kubectl --kubeconfig)."
              + " Default: kube-state-exporter-demo.kubeconfig.")
  Path kubeconfigOut = Path.of("kube-state-exporter-demo.kubeconfig");

  @Option(
      names = "--tls-config",
      paramLabel = "FILE",
      description =
          "Exporter-toolkit web config (TLS, basic auth) for every shard's listeners, as the"
              + " exporter's flag. Default: none (plain HTTP).")
  String tlsConfig = "";

  /**
   * The listener settings of the {@code --config} file, of which the demo takes the bounds on slow
   * clients: KSM's without a file.
   */
  WebSecurity fromFile = WebSecurity.none();

  /** Counted down never: the command runs until the JVM is asked to stop. */
  private final CountDownLatch forever = new CountDownLatch(1);

  @Override
  public Integer call() throws InterruptedException {
    DemoPlan plan;
    List<String> notes;
    try {
      notes = DemoOptionsFile.apply(this);
      validate();
      plan = plan();
    } catch (IllegalArgumentException e) {
      throw Main.usage(spec.commandLine(), e);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!BoundedHeap.limited()) {
      long heap = BoundedHeap.mebibytes(plan.pods(), maxShards());
      return BoundedHeap.relaunch(spec.root().commandLine(), out, err, heap);
    }
    notes.forEach(err::println);
    BoundedHeap.exitWithParent();
    DemoRun run = new DemoRun(out);
    Path webConfig = tlsConfig.isEmpty() ? null : Path.of(tlsConfig);
    run.secured(new WebSecurity(webConfig, false, fromFile.timeouts()));
    try {
      run.start(plan);
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
    Thread console =
        new Thread(
            new dev.kubestate.demo.run.DemoConsole(
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                out,
                run),
            "demo-console");
    console.setDaemon(true);
    console.start();
    forever.await();
    return 0;
  }

  /**
   * The plan the flags describe; call after {@link #validate}.
   *
   * @throws IllegalArgumentException naming the flag
   */
  DemoPlan plan() {
    ExportedMetrics exported = metrics.validate();
    Sharding chosen = sharding.validate(Shard.ALL);
    return new DemoPlan(
        shards,
        port,
        telemetryPort,
        nodes,
        pods,
        seed,
        churn,
        resizeEvery,
        resizes(),
        apiServerFeatures(),
        apiServerPort,
        kubeconfigOut,
        exported,
        chosen.map(),
        chosen.serverSide());
  }

  /**
   * @throws IllegalArgumentException naming the flag
   */
  void validate() {
    if (metrics.namesAShard()) {
      throw new IllegalArgumentException(
          "--shard/--total-shards: the demo sets each shard itself; use --shards K");
    }
    if (sharding.namesAPod()) {
      throw new IllegalArgumentException(
          "--pod/--pod-namespace: the demo runs each shard as a pod of its own StatefulSet;"
              + " use --shards K");
    }
    if (shards < 1) {
      throw new IllegalArgumentException("--shards: must be >= 1, got " + shards);
    }
    validateResizing();
    apiServerFeatures();
    nonNegative("--nodes", nodes);
    nonNegative("--pods", pods);
    if (!(churn >= 0) || Double.isInfinite(churn)) {
      throw new IllegalArgumentException("--churn: must be a number >= 0, got " + churn);
    }
    checkRange("--port", port);
    checkRange("--telemetry-port", telemetryPort);
    validateApiServer();
    ServerOptions.checkTlsConfig(tlsConfig);
    int most = maxShards();
    if (port != 0
        && telemetryPort != 0
        && port < telemetryPort + most
        && telemetryPort < port + most) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "--telemetry-port: ports %d-%d overlap --port's %d-%d",
              telemetryPort,
              telemetryPort + most - 1,
              port,
              port + most - 1));
    }
  }

  private void validateApiServer() {
    if (apiServerPort < 0 || apiServerPort > 65535) {
      throw new IllegalArgumentException(
          "--api-server-port: must be in [0, 65535], got " + apiServerPort);
    }
    int most = maxShards();
    for (int first : new int[] {port, telemetryPort}) {
      if (apiServerPort != 0
          && first != 0
          && apiServerPort >= first
          && apiServerPort < first + most) {
        throw new IllegalArgumentException(
            String.format(
                Locale.ROOT,
                "--api-server-port: %d is one of the shards' ports %d-%d",
                apiServerPort,
                first,
                first + most - 1));
      }
    }
    Path dir = kubeconfigOut.toAbsolutePath().getParent();
    if (Files.isDirectory(kubeconfigOut) || dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "--kubeconfig-out: " + kubeconfigOut + " is not a file in an existing directory");
    }
  }

  private void validateResizing() {
    if (resizeEvery < 0) {
      throw new IllegalArgumentException("--resize-every: must be >= 0, got " + resizeEvery);
    }
    if (resizeSizes == null) {
      return;
    }
    if (resizeEvery == 0) {
      throw new IllegalArgumentException("--resize-sizes: only used with --resize-every S, S > 0");
    }
    if (resizeSizes.isEmpty()) {
      throw new IllegalArgumentException("--resize-sizes: must name at least one size");
    }
    for (Integer size : resizeSizes) {
      if (size == null || size < 1) {
        throw new IllegalArgumentException("--resize-sizes: sizes must be >= 1, got " + size);
      }
    }
  }

  /** The embedded API server's behaviours from {@code --api-server-shard-selector}. */
  private ApiServerFeatures apiServerFeatures() {
    switch (apiServerShardSelector) {
      case "honour":
        return ApiServerFeatures.withShardSelector();
      case "ignore":
        return ApiServerFeatures.withoutShardSelector();
      default:
        throw new IllegalArgumentException(
            "--api-server-shard-selector: expected honour or ignore, got "
                + apiServerShardSelector);
    }
  }

  /** The largest number of shards the demo may run: ports are checked for as many. */
  private int maxShards() {
    int most = shards;
    for (int size : resizes()) {
      most = Math.max(most, size);
    }
    return most;
  }

  /** The replica counts resizes cycle through; empty when the demo never resizes. */
  private List<Integer> resizes() {
    if (resizeEvery == 0) {
      return List.of();
    }
    return resizeSizes == null ? List.of(shards, shards + 1) : new ArrayList<>(resizeSizes);
  }

  private static void nonNegative(String flag, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(flag + ": must be >= 0, got " + value);
    }
  }

  private void checkRange(String flag, int first) {
    int most = maxShards();
    if (first < 0 || first > 65535 || (first != 0 && first + most - 1 > 65535)) {
      throw new IllegalArgumentException(
          flag
              + ": must be 0, or in [1, "
              + (65536 - most)
              + "] for "
              + most
              + " shard(s), got "
              + first);
    }
  }
}
