package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.demo.ClusterChurn;
import dev.kubestate.exporter.demo.EmbeddedApiServer;
import dev.kubestate.exporter.demo.SyntheticCluster;
import dev.kubestate.exporter.resources.Kinds;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One run of the demo: the API server, its cluster, the exporter shards and the churn, started in
 * that order and closed in the order exporters, churn, API server. Not thread-safe, except {@link
 * #close}, which may be called from a shutdown hook and is idempotent.
 */
final class DemoRun {

  private static final String HOST = "127.0.0.1";

  private final PrintWriter out;
  private final List<Exporter> exporters = new ArrayList<>();
  private EmbeddedApiServer api;
  private ClusterChurn churn;
  private ScheduledExecutorService syncWatch;
  private boolean closed;

  DemoRun(PrintWriter out) {
    this.out = out;
  }

  /**
   * Generates and seeds the cluster, starts every shard, prints where to find them and starts the
   * churn.
   *
   * @throws Exception when the API server or a shard cannot start; already started parts stay for
   *     {@link #close}
   */
  void start(ExportSettings settings, DemoCommand flags) throws Exception {
    long t0 = System.nanoTime();
    SyntheticCluster cluster = flags.generate();
    long t1 = System.nanoTime();
    api = EmbeddedApiServer.start(0);
    api.seed(cluster);
    long t2 = System.nanoTime();
    out.printf(Locale.ROOT, "demo: API server %s (plain HTTP, no auth)%n", api.url());
    out.printf(
        Locale.ROOT,
        "demo: seed %d: %d namespaces, %d nodes, %d deployments, %d replicasets, %d pods,"
            + " %d services (generated in %d ms, seeded in %d ms)%n",
        cluster.seed(),
        cluster.namespaces().size(),
        cluster.nodes().size(),
        cluster.deployments().size(),
        cluster.replicaSets().size(),
        cluster.pods().size(),
        cluster.services().size(),
        millis(t0, t1),
        millis(t1, t2));
    int total = flags.shards();
    for (int k = 0; k < total; k++) {
      ExporterConfig config =
          new ExporterConfig(
              DemoCommand.forShard(settings, k, total),
              api.config(),
              HOST,
              flags.port(k),
              HOST,
              flags.telemetryPort(k),
              List.of(),
              List.of(),
              false);
      try {
        exporters.add(Exporter.start(config));
      } catch (Exception e) {
        throw new IllegalStateException(
            "cannot start shard "
                + k
                + " on port "
                + flags.port(k)
                + " / telemetry port "
                + flags.telemetryPort(k)
                + ": "
                + e.getMessage(),
            e);
      }
      Exporter e = exporters.get(k);
      out.printf(
          Locale.ROOT,
          "demo: shard %d/%d: metrics http://%s:%d/metrics  telemetry http://%s:%d/metrics"
              + "  (owns %d of the seeded objects)%n",
          k,
          total,
          HOST,
          e.metricsPort(),
          HOST,
          e.telemetryPort(),
          owned(cluster, settings, k, total));
    }
    if (flags.churn() > 0) {
      churn = new ClusterChurn(api.client(), cluster);
      churn.start(flags.churn());
      out.printf(Locale.ROOT, "demo: churning about %s changes per second%n", flags.churn());
    }
    out.println("demo: running; Ctrl-C stops");
    out.flush();
  }

  /** Objects of the enabled resources that shard {@code k} of {@code total} owns. */
  private static int owned(SyntheticCluster cluster, ExportSettings settings, int k, int total) {
    Shard shard = new Shard(k, total);
    int n = 0;
    List<Class<?>> enabled =
        settings.resources().stream().<Class<?>>map(r -> Kinds.get(r).type()).toList();
    for (HasMetadata o : cluster.objects()) {
      if (enabled.contains(o.getClass())
          && ShardMap.jumpBackHash().owns(shard, o.getMetadata().getUid())) {
        n++;
      }
    }
    return n;
  }

  /** Prints one line once every shard reports its informers synced (checked every 250 ms). */
  void reportSync() {
    long t0 = System.nanoTime();
    syncWatch =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "demo-sync-watch");
              t.setDaemon(true);
              return t;
            });
    syncWatch.scheduleAtFixedRate(
        () -> {
          for (Exporter e : exporters) {
            if (!e.isSynced()) {
              return;
            }
          }
          out.printf(
              Locale.ROOT,
              "demo: all %d shard(s) synced after %d ms%n",
              exporters.size(),
              millis(t0, System.nanoTime()));
          out.flush();
          syncWatch.shutdown();
        },
        0,
        250,
        TimeUnit.MILLISECONDS);
  }

  private static long millis(long fromNanos, long toNanos) {
    return (toNanos - fromNanos) / 1_000_000;
  }

  /** Closes exporters, then churn, then the API server; idempotent. */
  synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (syncWatch != null) {
      syncWatch.shutdownNow();
    }
    for (Exporter e : exporters) {
      e.close();
    }
    if (churn != null) {
      churn.close();
    }
    if (api != null) {
      api.close();
    }
  }
}
