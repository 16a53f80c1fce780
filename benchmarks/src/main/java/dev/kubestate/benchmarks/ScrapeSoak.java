package dev.kubestate.benchmarks;

import dev.kubestate.exporter.server.MainServer;
import dev.kubestate.exporter.server.RequestDurations;
import dev.kubestate.exporter.store.MetricsStore;
import io.fabric8.kubernetes.api.model.Pod;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A soak of the main listener under churn: one store of typical pods updated about 1,000 times a
 * second (each update a new resourceVersion and label value, so a new rendering), 8 scrapers
 * pulling full bodies in a loop (half gzip), one client reading at about 10 KB/s and one leaving
 * mid-body, over and over. Every 30 s it collects garbage twice and prints the heap in use; after
 * the warm-up it fits a line through those figures, so a leak shows as a slope.
 *
 * <pre>
 * java -Xmx512m -cp benchmarks/target/benchmarks.jar dev.kubestate.benchmarks.ScrapeSoak \
 *     [pods=2000] [seconds=600] [warmup-seconds=60]
 * </pre>
 *
 * <p>Seeded (the churn's choice of pods); exits with status 1 when a scrape failed or the heap
 * grew by more than 5% from the first to the last sample after the warm-up.
 */
public final class ScrapeSoak {

  private static final long SAMPLE_MILLIS = 30_000;

  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong scrapes = new AtomicLong();
  private final AtomicLong failedScrapes = new AtomicLong();
  private final AtomicLong updates = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();
  private final AtomicLong slowBytes = new AtomicLong();
  private int port;

  private ScrapeSoak() {}

  public static void main(String[] args) throws Exception {
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 600;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 60;
    MetricsStore<Pod> store = PodStores.filled(pods);
    Vertx vertx = Vertx.vertx();
    try {
      HttpServer server =
          MainServer.listen(
                  vertx,
                  "127.0.0.1",
                  0,
                  List.of(store),
                  () -> true,
                  () -> CompletableFuture.completedFuture(true),
                  RequestDurations.IGNORE)
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      ScrapeSoak soak = new ScrapeSoak();
      soak.port = server.actualPort();
      System.out.printf(
          Locale.ROOT, "%d pods, body %.1f MB, %d s after %d s of warm-up%n",
          pods, store.renderedBytes() / 1e6, seconds, warmup);
      boolean ok = soak.run(store, pods, seconds, warmup);
      System.exit(ok ? 0 : 1);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private boolean run(MetricsStore<Pod> store, int pods, int seconds, int warmup)
      throws InterruptedException {
    List<Thread> threads = new ArrayList<>();
    threads.add(start("churn", () -> churn(store, pods)));
    for (int i = 0; i < 8; i++) {
      boolean gzip = i % 2 == 0;
      threads.add(start("scraper-" + i, () -> scrapeLoop(gzip)));
    }
    threads.add(start("slow", this::slowLoop));
    threads.add(start("leaving", this::leavingLoop));
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long start = System.nanoTime();
    List<double[]> heap = new ArrayList<>();
    System.out.println("  s   heap MiB   scrapes   updates   abandoned   slow bytes");
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(warmup + (long) seconds)) {
      Thread.sleep(SAMPLE_MILLIS);
      System.gc();
      System.gc();
      double s = (System.nanoTime() - start) / 1e9;
      double mib = memory.getHeapMemoryUsage().getUsed() / 1048576.0;
      System.out.printf(
          Locale.ROOT, "%4.0f %10.1f %9d %9d %11d %12d%n",
          s, mib, scrapes.get(), updates.get(), abandoned.get(), slowBytes.get());
      if (s > warmup) {
        heap.add(new double[] {s, mib});
      }
    }
    stop.set(true);
    for (Thread t : threads) {
      t.join(70_000);
    }
    return report(heap);
  }

  private boolean report(List<double[]> heap) {
    double n = heap.size();
    double sx = 0;
    double sy = 0;
    double sxy = 0;
    double sxx = 0;
    for (double[] p : heap) {
      sx += p[0];
      sy += p[1];
      sxy += p[0] * p[1];
      sxx += p[0] * p[0];
    }
    double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
    double first = heap.get(0)[1];
    double last = heap.get(heap.size() - 1)[1];
    System.out.printf(
        Locale.ROOT,
        "after warm-up: heap %.1f -> %.1f MiB, slope %.3f MiB/min; %d scrapes (%d failed),"
            + " %d updates%n",
        first, last, slope * 60, scrapes.get(), failedScrapes.get(), updates.get());
    return failedScrapes.get() == 0 && last <= first * 1.05;
  }

  private static Thread start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** About 1,000 updates a second: a seeded pod gets a new resourceVersion and label value. */
  private void churn(MetricsStore<Pod> store, int pods) {
    Random random = new Random(1);
    HashMap<Integer, Long> versions = new HashMap<>();
    long begin = System.nanoTime();
    for (long n = 1; !stop.get(); n++) {
      int i = random.nextInt(pods);
      long version = versions.merge(i, 1L, Long::sum) + 1_000_000;
      Pod p = TypicalPods.pod(i);
      p.getMetadata().setResourceVersion(Long.toString(version));
      HashMap<String, String> labels = new HashMap<>(p.getMetadata().getLabels());
      labels.put("revision", Long.toString(version));
      p.getMetadata().setLabels(labels);
      store.put(p.getMetadata().getUid(), p.getMetadata().getResourceVersion(), p);
      updates.incrementAndGet();
      long wait = begin + n * 1_000_000L - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
    }
  }

  private void scrapeLoop(boolean gzip) {
    byte[] buffer = new byte[64 * 1024];
    while (!stop.get()) {
      try (Socket s = open(gzip)) {
        InputStream in = s.getInputStream();
        byte[] head = in.readNBytes(15);
        while (in.read(buffer) >= 0) {
          // discard
        }
        if (new String(head, StandardCharsets.US_ASCII).equals("HTTP/1.1 200 OK")) {
          scrapes.incrementAndGet();
        } else {
          failedScrapes.incrementAndGet();
        }
      } catch (IOException e) {
        failedScrapes.incrementAndGet();
      }
    }
  }

  /** About 10 KB/s: 1,000 bytes every 100 ms, until the write timeout cuts it off. */
  private void slowLoop() {
    byte[] buffer = new byte[1_000];
    while (!stop.get()) {
      try (Socket s = open(false)) {
        InputStream in = s.getInputStream();
        for (int n; !stop.get() && (n = in.read(buffer)) >= 0; ) {
          slowBytes.addAndGet(n);
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
        }
      } catch (IOException e) {
        // Cut off by the write timeout (60 s): expected, start again.
      }
    }
  }

  /** Reads 200 KB of a body and leaves, twice a second. */
  private void leavingLoop() {
    while (!stop.get()) {
      try (Socket s = open(false)) {
        s.getInputStream().readNBytes(200_000);
        s.setSoLinger(true, 0);
        abandoned.incrementAndGet();
      } catch (IOException e) {
        failedScrapes.incrementAndGet();
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(500));
    }
  }

  private Socket open(boolean gzip) throws IOException {
    Socket s = new Socket();
    s.setReceiveBufferSize(gzip ? 65536 : 8192);
    s.setSoTimeout(120_000);
    s.connect(new InetSocketAddress("127.0.0.1", port));
    s.getOutputStream()
        .write(
            ("GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (gzip ? "Accept-Encoding: gzip\r\n" : "")
                    + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    return s;
  }
}
