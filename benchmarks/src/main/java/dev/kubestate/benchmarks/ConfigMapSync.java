package dev.kubestate.benchmarks;

import dev.kubestate.apiserver.ApiServerFeatures;
import dev.kubestate.apiserver.EmbeddedApiServer;
import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.metrics.Allowlists;
import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.process.ClusterWatch;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.process.ExporterConfig;
import dev.kubestate.exporter.process.Listeners;
import dev.kubestate.exporter.process.Sharding;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The exporter's ConfigMaps informer end to end, full against metadata-only: {@code count}
 * ConfigMaps of {@code kib} KiB of data are seeded into two embedded API servers in a child JVM,
 * one honouring the metadata-only {@code Accept} (answering {@code PartialObjectMetadata}), one
 * ignoring it and sending full ConfigMaps (an old server or a proxy; also what the exporter
 * received before it asked). For each, an exporter of {@code --resources=configmaps} runs in a
 * child JVM of its own behind a {@link CountingProxy}, and reports: time from start to synced,
 * the bytes received on the wire by then and once the watch has settled, the process CPU time at
 * sync, the heap pools' summed peak use at sync (transient garbage included) and the heap in use
 * after sync (settled by repeated collections). It also checks that
 * {@code /metrics} holds one {@code kube_configmap_info} line per ConfigMap, or exits with status
 * 1. Each mode runs {@code rounds} times, alternating; medians are printed. The children's logs
 * go to the file named by the environment variable {@code CONFIGMAP_SYNC_LOG}, if set.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.kubestate.benchmarks.ConfigMapSync 2000 64 3
 * </pre>
 *
 * <p>The test API server (fabric8's CRUD mock) replays every object as ADDED when a watch opens,
 * whatever resourceVersion was asked for; a real API server does not, so "bytes at sync" (LIST)
 * is what a real server sends, and "bytes settled" adds the mock's replay.
 */
public final class ConfigMapSync {

  private static final String EXPORTER_HEAP = "-Xmx1g";
  private static final String API_HEAP = "-Xmx6g";
  private static final List<String> MODES = List.of("full", "metadata-only");

  private ConfigMapSync() {}

  /** One exporter run's figures. */
  private record Run(
      long syncMillis,
      long bytesAtSync,
      long bytesSettled,
      long cpuMillis,
      long peakHeap,
      long heap) {

    static Run parse(String line) {
      long[] v = Arrays.stream(line.trim().split(" ")).mapToLong(Long::parseLong).toArray();
      return new Run(v[0], v[1], v[2], v[3], v[4], v[5]);
    }

    String format() {
      long[] all = {syncMillis, bytesAtSync, bytesSettled, cpuMillis, peakHeap, heap};
      return String.join(" ", Arrays.stream(all).mapToObj(Long::toString).toList());
    }
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals("api")) {
      serveApi(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    } else if (args.length > 0 && args[0].equals("exporter")) {
      runExporter(args[1], Integer.parseInt(args[2]));
    } else {
      int count = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
      int kib = args.length > 1 ? Integer.parseInt(args[1]) : 64;
      int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
      drive(count, kib, rounds);
    }
  }

  /** Child: both seeded API servers; prints their URLs, serves until stdin closes. */
  private static void serveApi(int count, int kib) throws Exception {
    List<ConfigMap> maps = ConfigMapTraffic.configMaps(count, kib);
    ApiServerFeatures honouring = ApiServerFeatures.withShardSelector();
    try (EmbeddedApiServer metadata = EmbeddedApiServer.start(0, honouring);
        EmbeddedApiServer full =
            EmbeddedApiServer.start(0, honouring.withoutPartialObjectMetadata())) {
      metadata.seed(maps);
      full.seed(maps);
      maps = null;
      System.out.println("url metadata-only " + metadata.url());
      System.out.println("url full " + full.url());
      System.out.flush();
      while (System.in.read() >= 0) {
        // serve until the driver closes our stdin
      }
    }
  }

  /** Child: one exporter of ConfigMaps behind a counting proxy; prints its {@link Run}. */
  private static void runExporter(String url, int count) throws Exception {
    try (CountingProxy proxy = new CountingProxy(url)) {
      Config kubernetes =
          new ConfigBuilder(Config.empty())
              .withMasterUrl(proxy.url())
              .withTrustCerts(true)
              .withNamespace(null)
              .build();
      ExporterConfig config =
          new ExporterConfig(
              new ExportedMetrics(
                  List.of("configmaps"), FamilyFilter.DEFAULT, Allowlists.NONE, Allowlists.NONE),
              Sharding.fixed(ShardMap.jumpBackHash(), new Shard(0, 1), ServerSideSharding.OFF),
              ClusterWatch.all(kubernetes),
              Listeners.ephemeral("127.0.0.1"));
      long start = System.nanoTime();
      try (Exporter exporter = Exporter.start(config)) {
        awaitSync(exporter);
        long syncMillis = (System.nanoTime() - start) / 1_000_000;
        long bytesAtSync = proxy.received();
        long cpuMillis = processCpuMillis();
        long peak = peakHeap();
        long heap = settledHeap();
        long settled = settledBytes(proxy);
        checkLines(exporter, count);
        Run run = new Run(syncMillis, bytesAtSync, settled, cpuMillis, peak, heap);
        System.out.println("run " + run.format());
        System.out.flush();
      }
    }
    System.exit(0);
  }

  private static void awaitSync(Exporter exporter) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
    while (!exporter.isSynced()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("exporter did not sync within 10 minutes");
      }
      TimeUnit.MILLISECONDS.sleep(20);
    }
  }

  /** The bytes received once two readings 3 s apart agree: after the mock's watch replay. */
  private static long settledBytes(CountingProxy proxy) throws InterruptedException {
    long previous = -1;
    long now = proxy.received();
    for (int i = 0; i < 60 && now != previous; i++) {
      previous = now;
      TimeUnit.SECONDS.sleep(3);
      now = proxy.received();
    }
    return now;
  }

  private static void checkLines(Exporter exporter, int count) throws Exception {
    HttpResponse<String> metrics =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + exporter.metricsPort() + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    long info = metrics.body().lines().filter(l -> l.startsWith("kube_configmap_info{")).count();
    if (info != count) {
      System.err.println("expected " + count + " kube_configmap_info lines, got " + info);
      System.exit(1);
    }
  }

  private static long processCpuMillis() {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return os.getProcessCpuTime() / 1_000_000;
  }

  /** The sum of the heap pools' peak use since the JVM started: a bound on transient garbage. */
  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static long settledHeap() throws InterruptedException {
    long previous = Long.MAX_VALUE;
    long used = heapAfterGc();
    for (int i = 0; i < 20 && Math.abs(used - previous) > used / 50; i++) {
      TimeUnit.SECONDS.sleep(1);
      previous = used;
      used = heapAfterGc();
    }
    return used;
  }

  private static long heapAfterGc() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(200);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static void drive(int count, int kib, int rounds) throws Exception {
    Process api = child(API_HEAP, "api", Integer.toString(count), Integer.toString(kib));
    Map<String, List<Run>> runs = new HashMap<>();
    try {
      Map<String, String> urls = apiUrls(api);
      System.out.printf(Locale.ROOT, "%d ConfigMaps of %d KiB data%n", count, kib);
      for (int r = 0; r < rounds; r++) {
        for (String mode : MODES) {
          Run run = exporterRun(urls.get(mode), count);
          runs.computeIfAbsent(mode, m -> new ArrayList<>()).add(run);
          System.out.printf(Locale.ROOT, "round %d %s: %s%n", r + 1, mode, run);
        }
      }
    } finally {
      api.getOutputStream().close();
      if (!api.waitFor(30, TimeUnit.SECONDS)) {
        api.destroyForcibly();
      }
    }
    printMedians(runs);
  }

  private static void printMedians(Map<String, List<Run>> runs) {
    System.out.println(
        "| mode | bytes at sync | bytes settled | time to sync | CPU at sync | peak heap"
            + " | heap after sync |");
    System.out.println("|---|---|---|---|---|---|---|");
    for (String mode : MODES) {
      List<Run> r = runs.get(mode);
      System.out.printf(
          Locale.ROOT,
          "| %s | %,d | %,d | %,d ms | %,d ms | %.1f MiB | %.1f MiB |%n",
          mode,
          median(r, Run::bytesAtSync),
          median(r, Run::bytesSettled),
          median(r, Run::syncMillis),
          median(r, Run::cpuMillis),
          median(r, Run::peakHeap) / (1024.0 * 1024.0),
          median(r, Run::heap) / (1024.0 * 1024.0));
    }
  }

  private static long median(List<Run> runs, java.util.function.ToLongFunction<Run> field) {
    long[] v = runs.stream().mapToLong(field).sorted().toArray();
    return v[v.length / 2];
  }

  private static Map<String, String> apiUrls(Process api) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(api.getInputStream(), StandardCharsets.UTF_8));
    Map<String, String> urls = new HashMap<>();
    for (String line; urls.size() < 2 && (line = out.readLine()) != null; ) {
      String[] parts = line.split(" ");
      if (parts.length == 3 && parts[0].equals("url")) {
        urls.put(parts[1], parts[2]);
      }
    }
    if (urls.size() < 2) {
      throw new IllegalStateException("API server child did not print both URLs");
    }
    return urls;
  }

  private static Run exporterRun(String url, int count) throws Exception {
    Process p = child(EXPORTER_HEAP, "exporter", url, Integer.toString(count));
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        if (line.startsWith("run ")) {
          return Run.parse(line.substring(4));
        }
      }
    } finally {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
    throw new IllegalStateException("exporter child printed no figures");
  }

  private static Process child(String heap, String... args) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add(heap);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(ConfigMapSync.class.getName());
    cmd.addAll(List.of(args));
    String log = System.getenv("CONFIGMAP_SYNC_LOG");
    ProcessBuilder.Redirect errors =
        log == null
            ? ProcessBuilder.Redirect.DISCARD
            : ProcessBuilder.Redirect.appendTo(new File(log));
    return new ProcessBuilder(cmd).redirectError(errors).start();
  }
}
