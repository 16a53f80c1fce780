package dev.kubestate.benchmarks;

import dev.kubestate.exporter.cli.ExportSettings;
import dev.kubestate.exporter.cli.Exporter;
import dev.kubestate.exporter.cli.ExporterConfig;
import dev.kubestate.exporter.demo.EmbeddedApiServer;
import dev.kubestate.exporter.demo.SyntheticCluster;
import dev.kubestate.sharding.Shard;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Retained heap of one exporter, unsharded and as each shard of 2, 4 and 8, over the same demo
 * cluster. The embedded API server runs in this JVM and is part of the baseline; each exporter is
 * started alone, awaited until synced, measured as the heap in use after full collections minus
 * the baseline, and closed. Run with a fixed heap so collections are comparable, e.g. {@code java
 * -Xms2g -Xmx2g -cp benchmarks/target/benchmarks.jar dev.kubestate.benchmarks.ShardMemory 10000}.
 *
 * <p>Prints one row per shard and a summary per N: the mean shard against the unsharded value,
 * and a least-squares fit {@code heap(N) = base + perCluster / N}.
 */
public final class ShardMemory {

  private static final int[] TOTALS = {1, 2, 4, 8};

  private ShardMemory() {}

  public static void main(String[] args) throws Exception {
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int nodes = Math.max(10, pods / 40);
    SyntheticCluster cluster = SyntheticCluster.generate(1, nodes, pods);
    ExportSettings defaults = ExportSettings.defaults();
    try (EmbeddedApiServer api = EmbeddedApiServer.start(0)) {
      api.seed(cluster);
      System.out.printf(
          Locale.ROOT, "cluster: %d objects (%d pods, %d nodes)%n", cluster.size(), pods, nodes);
      warmUp(api, defaults);
      long baseline = settledHeapBytes();
      double[] means = new double[TOTALS.length];
      for (int t = 0; t < TOTALS.length; t++) {
        int total = TOTALS[t];
        long sum = 0;
        for (int ordinal = 0; ordinal < total; ordinal++) {
          long retained = measure(api, settings(defaults, ordinal, total)) - baseline;
          sum += retained;
          System.out.printf(
              Locale.ROOT, "N=%d shard %d: %.1f MiB%n", total, ordinal, mib(retained));
        }
        means[t] = (double) sum / total;
      }
      summarize(means);
    }
  }

  private static ExportSettings settings(ExportSettings d, int ordinal, int total) {
    return new ExportSettings(
        d.resources(), d.filter(), d.labels(), d.annotations(), new Shard(ordinal, total));
  }

  /** One throwaway run so class loading and JIT are out of the measurements. */
  private static void warmUp(EmbeddedApiServer api, ExportSettings defaults) throws Exception {
    measure(api, settings(defaults, 0, 8));
  }

  private static long measure(EmbeddedApiServer api, ExportSettings settings) throws Exception {
    ExporterConfig config =
        new ExporterConfig(
            settings, api.config(), "127.0.0.1", 0, "127.0.0.1", 0, List.of(), List.of(), false);
    try (Exporter exporter = Exporter.start(config)) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!exporter.isSynced()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("exporter did not sync within 5 minutes");
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
      return settledHeapBytes();
    }
  }

  /** Heap in use after repeated full collections (a benchmark tool may wait; tests may not). */
  private static long settledHeapBytes() throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(200);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static void summarize(double[] means) {
    // least squares of y = a + b * x with x = 1/N
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (int t = 0; t < TOTALS.length; t++) {
      double x = 1.0 / TOTALS[t];
      sx += x;
      sy += means[t];
      sxx += x * x;
      sxy += x * means[t];
    }
    int n = TOTALS.length;
    double b = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double a = (sy - b * sx) / n;
    System.out.printf(
        Locale.ROOT, "fit: heap(N) = %.1f MiB + %.1f MiB / N%n", mib(a), mib(b));
    for (int t = 0; t < TOTALS.length; t++) {
      int total = TOTALS[t];
      double share = (means[t] - a) / (means[0] - a);
      System.out.printf(
          Locale.ROOT,
          "N=%d: mean shard %.1f MiB; above the fixed base: %.3f of unsharded (target <= %.3f)%n",
          total,
          mib(means[t]),
          share,
          1.1 / total);
    }
  }

  private static double mib(double bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
