package dev.kubestate.demo.run;

import dev.kubestate.apiserver.EmbeddedApiServer;
import dev.kubestate.demo.world.ClusterChurn;
import dev.kubestate.demo.world.SyntheticCluster;
import dev.kubestate.exporter.process.ClusterWatch;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.process.ExporterConfig;
import dev.kubestate.exporter.process.Listeners;
import dev.kubestate.exporter.process.WebSecurity;
import dev.kubestate.exporter.process.Sharding;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of the demo: the API server and its cluster, the StatefulSet whose pods are the exporter
 * shards, the share report, the resize schedule and the churn, started in that order and closed in
 * the order schedule, shards, churn, API server. Not thread-safe, except {@link #close}, which may
 * be called from a shutdown hook and is idempotent.
 */
public final class DemoRun implements DemoConsole.Controls {

  private static final String HOST = "127.0.0.1";

  /** Cluster, context and user name in the kubeconfig the demo writes. */
  static final String KUBECONFIG_NAME = "kube-state-exporter-demo";

  /** Namespace and name of the demo's StatefulSet, as {@code deploy/statefulset/} names them. */
  static final String NAMESPACE = "kube-state-exporter";

  static final String STATEFUL_SET = "kube-state-exporter";

  /**
   * How long a shard leaving on scale-down keeps serving, at least: the remaining shards list what
   * they gain meanwhile (see {@link StatefulSetController}).
   */
  private static final Duration PRE_STOP = Duration.ofSeconds(1);

  private static final long REPORT_MILLIS = 100;

  private final PrintWriter out;
  private EmbeddedApiServer api;
  private StatefulSetController<DemoShard> fleet;
  private ClusterChurn churn;
  private ScheduledExecutorService schedule;
  private boolean closed;

  public DemoRun(PrintWriter out) {
    this.out = out;
  }

  /** The TLS and auth of every shard's listeners ({@code demo --tls-config}); call before start. */
  private WebSecurity security = WebSecurity.none();

  /** Guards every shard's listeners with {@code security}; returns this. */
  public DemoRun secured(WebSecurity security) {
    this.security = security;
    return this;
  }

  /**
   * Generates and seeds the cluster, creates the StatefulSet and starts every shard, prints where
   * to find them, then starts the share report, the resizes and the churn.
   *
   * @throws Exception when the API server or a shard cannot start; already started parts stay for
   *     {@link #close}
   */
  public void start(DemoPlan plan) throws Exception {
    long t0 = System.nanoTime();
    SyntheticCluster cluster = SyntheticCluster.generate(plan.seed(), plan.nodes(), plan.pods());
    long t1 = System.nanoTime();
    try {
      api = EmbeddedApiServer.start(plan.apiServerPort(), plan.apiServer());
    } catch (IllegalStateException e) {
      throw new IllegalStateException(
          e.getMessage() + " (--api-server-port 0 picks a free port)", e);
    }
    api.serve(List.of(Namespace.class, StatefulSet.class, Pod.class));
    api.seed(cluster.objects());
    long t2 = System.nanoTime();
    writeKubeconfig(plan.kubeconfig());
    printApiServer(plan);
    StringJoiner counts = new StringJoiner(", ");
    cluster.counts().forEach((resource, n) -> counts.add(n + " " + resource));
    out.printf(
        Locale.ROOT,
        "demo: seed %d: %d objects: %s (generated in %d ms, seeded in %d ms)%n",
        cluster.seed(),
        cluster.size(),
        counts,
        millis(t0, t1),
        millis(t1, t2));
    out.printf(
        Locale.ROOT,
        "demo: StatefulSet %s/%s with %d replicas; its namespace and pods are exported too%n",
        NAMESPACE,
        STATEFUL_SET,
        plan.shards());
    out.flush();
    List<String> nodes = cluster.nodes().stream().map(DemoRun::name).toList();
    fleet =
        StatefulSetController.start(
            api.client(),
            NAMESPACE,
            STATEFUL_SET,
            plan.shards(),
            nodes,
            PRE_STOP,
            (k, ns, pod) -> startShard(plan, k, ns, pod));
    startSchedule(plan);
    if (plan.churn() > 0) {
      churn = new ClusterChurn(api.client(), cluster);
      churn.start(plan.churn());
      out.printf(Locale.ROOT, "demo: churning about %s changes per second%n", plan.churn());
    }
    out.println("demo: running; type help for commands, Ctrl-C stops");
    out.flush();
  }

  private void printApiServer(DemoPlan plan) {
    out.printf(
        Locale.ROOT,
        "demo: API server %s (plain HTTP, no auth; %s shardSelector)%n",
        api.url(),
        plan.apiServer().shardSelector() ? "honours" : "ignores");
    out.printf(
        Locale.ROOT,
        "demo: kubeconfig %s, e.g. kubectl --kubeconfig %s get pods -A%n",
        plan.kubeconfig().toAbsolutePath(),
        plan.kubeconfig().toAbsolutePath());
  }

  private void writeKubeconfig(Path file) throws IOException {
    try {
      Files.writeString(file, api.kubeconfig(KUBECONFIG_NAME));
    } catch (IOException e) {
      throw new IOException("cannot write the kubeconfig " + file + ": " + e, e);
    }
  }

  /**
   * Stops the API server, as in an outage: the shards' watches end and their requests fail until
   * {@link #startApiServer}. Objects are kept.
   */
  @Override
  public synchronized void stopApiServer() {
    if (closed || !api.isServing()) {
      out.println("demo: the API server is already stopped");
    } else {
      api.suspend();
      out.printf(Locale.ROOT, "demo: API server %s stopped; start-api starts it%n", api.url());
    }
    out.flush();
  }

  /** Starts the API server again on its port with the objects it had. */
  @Override
  public synchronized void startApiServer() {
    if (closed || api.isServing()) {
      out.println("demo: the API server is already running");
    } else {
      try {
        api.resume();
        out.printf(Locale.ROOT, "demo: API server %s started again%n", api.url());
      } catch (IllegalStateException e) {
        out.println("demo: " + e.getMessage());
      }
    }
    out.flush();
  }

  /**
   * Sets the StatefulSet's {@code spec.replicas} to {@code replicas}, as {@code kubectl scale}
   * does.
   *
   * @throws IllegalArgumentException when {@code replicas < 1}
   */
  @Override
  public synchronized void scale(int replicas) {
    if (!closed) {
      resize(replicas);
    }
  }

  /** One line on the API server and the StatefulSet. */
  @Override
  public synchronized String status() {
    if (closed) {
      return "stopped";
    }
    return String.format(
        Locale.ROOT,
        "API server %s %s; StatefulSet %s/%s: %d replicas wanted, %d shard(s) running",
        api.url(),
        api.isServing() ? "running" : "stopped",
        NAMESPACE,
        STATEFUL_SET,
        fleet.desired(),
        fleet.replicas().size());
  }

  private static String name(Node n) {
    return n.getMetadata().getName();
  }

  /** Starts the exporter of pod {@code pod}, sharded automatically, and prints its addresses. */
  private DemoShard startShard(DemoPlan plan, int k, String namespace, String pod) {
    ExporterConfig config =
        new ExporterConfig(
            plan.metrics(),
            Sharding.automatic(plan.shardMap(), namespace, pod, plan.serverSide()),
            ClusterWatch.all(api.config()),
            new Listeners(HOST, plan.port(k), HOST, plan.telemetryPort(k)).with(security));
    Exporter e;
    try {
      e = Exporter.start(config);
    } catch (Exception ex) {
      throw new IllegalStateException(
          "cannot start shard "
              + k
              + " on port "
              + plan.port(k)
              + " / telemetry port "
              + plan.telemetryPort(k)
              + ": "
              + ex.getMessage(),
          ex);
    }
    String scheme = security.scheme();
    out.printf(
        Locale.ROOT,
        "demo: shard %d/%d: metrics %s://%s:%d/metrics  telemetry %s://%s:%d/metrics"
            + "  (pod %s/%s)%n",
        k,
        e.shard().total(),
        scheme,
        HOST,
        e.metricsPort(),
        scheme,
        HOST,
        e.telemetryPort(),
        namespace,
        pod);
    out.flush();
    return new DemoShard(k, e);
  }

  /**
   * Checks for settled shares every 100 ms and resizes {@link DemoPlan#resizeEverySeconds} after
   * each settle: a size is shown for that long even when a resize takes a while to settle.
   */
  private void startSchedule(DemoPlan plan) {
    schedule =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-schedule");
              t.setDaemon(true);
              return t;
            });
    ShareReport report = new ShareReport(fleet, mapName(plan.shardMap()), out);
    List<Integer> sizes = plan.resizes();
    long everyNanos = TimeUnit.SECONDS.toNanos(plan.resizeEverySeconds());
    int[] at = {sizes.indexOf(plan.shards())};
    schedule.scheduleWithFixedDelay(
        () ->
            guarded(
                () -> {
                  report.check();
                  if (!sizes.isEmpty() && report.settledForNanos() >= everyNanos) {
                    at[0] = (at[0] + 1) % sizes.size();
                    resize(sizes.get(at[0]));
                  }
                }),
        0,
        REPORT_MILLIS,
        TimeUnit.MILLISECONDS);
  }

  private synchronized void resize(int to) {
    int from = fleet.desired();
    if (to == from) {
      return;
    }
    out.printf(
        Locale.ROOT,
        "demo: resizing StatefulSet %s from %d to %d replicas%n",
        STATEFUL_SET,
        from,
        to);
    out.flush();
    fleet.scale(to);
  }

  private static String mapName(ShardMap map) {
    for (String name : ShardMap.NAMES) {
      if (ShardMap.named(name) == map) {
        return name;
      }
    }
    return map.toString();
  }

  /** Runs {@code task}, printing a failure rather than letting it end the schedule. */
  private void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      out.println("demo: " + e);
      out.flush();
    }
  }

  private static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }

  /** Closes the schedule, the shards, the churn, then the API server; idempotent. */
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (schedule != null) {
      schedule.shutdownNow();
    }
    if (fleet != null) {
      fleet.close();
    }
    if (churn != null) {
      churn.close();
    }
    if (api != null) {
      api.close();
    }
  }
}
