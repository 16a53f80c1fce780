package dev.kubestate.benchmarks;

import dev.kubestate.apiserver.EmbeddedApiServer;
import dev.kubestate.demo.world.SyntheticCluster;
import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.process.ClusterWatch;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.process.ExporterConfig;
import dev.kubestate.exporter.process.Listeners;
import dev.kubestate.exporter.process.Sharding;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Retained heap of one exporter, unsharded and as each shard of 2, 4 and 8, over the same demo
 * cluster. The driver starts the embedded API server in a child JVM, then every shard's exporter
 * in a child JVM of its own (same heap flags), which waits until synced, collects, and prints the
 * heap in use. So nothing of the API server or of earlier exporters is counted.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.kubestate.benchmarks.ShardMemory 10000
 * </pre>
 *
 * First measures the fixed base: an exporter over a cluster without pods (JVM, Vert.x, client,
 * telemetry). Then prints one row per shard and a summary per N: the mean shard against the
 * unsharded exporter, the same above the measured base, and a least-squares fit {@code heap(N) =
 * base + perCluster / N}.
 */
public final class ShardMemory {

  private static final int[] TOTALS = {1, 2, 4, 8};
  private static final String EXPORTER_HEAP = "-Xmx1g";

  private ShardMemory() {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("api")) {
      serveApi(Integer.parseInt(args[1]));
    } else if (args.length > 0 && args[0].equals("exporter")) {
      runExporter(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    } else {
      drive(args.length > 0 ? Integer.parseInt(args[0]) : 10_000);
    }
  }

  /** Child: the seeded API server; prints its URL, serves until stdin closes. */
  private static void serveApi(int pods) throws Exception {
    SyntheticCluster cluster = SyntheticCluster.generate(1, Math.max(10, pods / 40), pods);
    try (EmbeddedApiServer api = EmbeddedApiServer.start(0)) {
      api.seed(cluster.objects());
      System.out.println("objects " + cluster.size());
      System.out.println("url " + api.url());
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the driver closes our stdin
      }
    }
  }

  /** Child: one exporter; prints the settled heap in use once synced. */
  private static void runExporter(String url, int ordinal, int total) throws Exception {
    Config kubernetes = new ConfigBuilder().withMasterUrl(url).withTrustCerts(true).build();
    ExporterConfig config =
        new ExporterConfig(
            ExportedMetrics.defaults(),
            Sharding.fixed(
                ShardMap.jumpBackHash(), new Shard(ordinal, total), ServerSideSharding.AUTO),
            ClusterWatch.all(kubernetes),
            Listeners.ephemeral("127.0.0.1"));
    try (Exporter exporter = Exporter.start(config)) {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (!exporter.isSynced()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("exporter did not sync within 5 minutes");
        }
        TimeUnit.MILLISECONDS.sleep(100);
      }
      // The CRUD mock resends every object as ADDED when a watch opens, so right after the LIST
      // the informer may still hold a backlog of decoded events: measure once two collections
      // two seconds apart agree within 2%.
      long previous = settledHeap();
      long used = previous;
      for (int i = 0; i < 30; i++) {
        TimeUnit.SECONDS.sleep(2);
        used = settledHeap();
        if (Math.abs(used - previous) <= previous / 50) {
          break;
        }
        previous = used;
      }
      System.out.println("heap " + used);
      System.out.flush();
    }
    System.exit(0);
  }

  private static long settledHeap() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(200);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static void drive(int pods) throws Exception {
    double base = fixedBase();
    Process api = child("api", Integer.toString(pods));
    try {
      String url = apiUrl(api, pods);
      double[] means = new double[TOTALS.length];
      for (int t = 0; t < TOTALS.length; t++) {
        int total = TOTALS[t];
        long sum = 0;
        for (int ordinal = 0; ordinal < total; ordinal++) {
          long heap = exporterHeap(url, ordinal, total);
          sum += heap;
          System.out.printf(Locale.ROOT, "N=%d shard %d: %.1f MiB%n", total, ordinal, mib(heap));
        }
        means[t] = (double) sum / total;
      }
      summarize(means, base);
    } finally {
      stop(api);
    }
  }

  /** Heap of an exporter over a cluster without pods: what any exporter costs. */
  private static double fixedBase() throws Exception {
    Process api = child("api", "0");
    try {
      long heap = exporterHeap(apiUrl(api, 0), 0, 1);
      System.out.printf(Locale.ROOT, "fixed base (no pods): %.1f MiB%n", mib(heap));
      return heap;
    } finally {
      stop(api);
    }
  }

  private static String apiUrl(Process api, int pods) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(api.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      if (line.startsWith("objects ")) {
        System.out.println("cluster: " + line.substring(8) + " objects, " + pods + " pods");
      } else if (line.startsWith("url ")) {
        return line.substring(4);
      }
    }
    throw new IllegalStateException("API server child printed no URL");
  }

  private static void stop(Process api) throws Exception {
    api.getOutputStream().close();
    if (!api.waitFor(10, TimeUnit.SECONDS)) {
      api.destroyForcibly();
    }
  }

  private static long exporterHeap(String url, int ordinal, int total) throws Exception {
    Process p = child("exporter", url, Integer.toString(ordinal), Integer.toString(total));
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("heap ")) {
          return Long.parseLong(line.substring(5).trim());
        }
      }
    } finally {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    throw new IllegalStateException("exporter child printed no heap figure");
  }

  private static Process child(String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add(EXPORTER_HEAP);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ShardMemory.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static void summarize(double[] means, double base) {
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
    System.out.printf(Locale.ROOT, "fit: heap(N) = %.1f MiB + %.1f MiB / N%n", mib(a), mib(b));
    for (int t = 0; t < TOTALS.length; t++) {
      int total = TOTALS[t];
      System.out.printf(
          Locale.ROOT,
          "N=%d: mean shard %.1f MiB = %.3f of unsharded; above the measured base: %.3f"
              + " (target <= %.3f)%n",
          total,
          mib(means[t]),
          means[t] / means[0],
          (means[t] - base) / (means[0] - base),
          1.1 / total);
    }
  }

  private static double mib(double bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
