package dev.kubestate.benchmarks;

import dev.kubestate.exporter.server.MainServer;
import dev.kubestate.exporter.server.RequestDurations;
import dev.kubestate.exporter.store.MetricsStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latency of {@code /healthz} while the main listener serves its largest bodies to many
 * scrapers: a probe as the kubelet sends it (a new connection, {@code Connection: close}) every
 * 20 ms, timed from connect to the last byte, while {@code scrapers} threads pull full {@code
 * /metrics} bodies in a loop, gzip-accepting as Prometheus does.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.kubestate.benchmarks.ProbeLatency \
 *     [pods=2800] [scrapers=8] [seconds=30] [gzip|identity]
 * </pre>
 *
 * <p>The listener is the product's ({@link MainServer#listen}) on a Vert.x with default options,
 * over one store of typical pods (about 7.3 KB each: 2,800 pods are a 20 MB body). Prints the
 * probes' p50, p99 and maximum, how many timed out (2 s) and the scrape throughput.
 */
public final class ProbeLatency {

  private static final long PROBE_EVERY_MILLIS = 20;
  private static final int PROBE_TIMEOUT_MILLIS = 2_000;

  private ProbeLatency() {}

  public static void main(String[] args) throws Exception {
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 2_800;
    int scrapers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
    boolean gzip = args.length <= 3 || !args[3].equals("identity");
    MetricsStore<?> store = PodStores.filled(pods);
    Vertx vertx = Vertx.vertx();
    try {
      HttpServer server =
          MainServer.listen(
                  vertx,
                  "127.0.0.1",
                  Integer.getInteger("port", 0),
                  List.of(store),
                  () -> true,
                  () -> CompletableFuture.completedFuture(true),
                  RequestDurations.IGNORE)
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      run(server.actualPort(), store.renderedBytes(), scrapers, seconds, gzip);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  private static void run(int port, long bodyBytes, int scrapers, int seconds, boolean gzip)
      throws Exception {
    AtomicBoolean stop = new AtomicBoolean();
    AtomicLong scrapes = new AtomicLong();
    AtomicLong wireBytes = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < scrapers; i++) {
      Thread t = new Thread(() -> scrapeLoop(port, gzip, stop, scrapes, wireBytes), "scraper-" + i);
      t.start();
      threads.add(t);
    }
    Thread.sleep(2_000);
    long scrapesBefore = scrapes.get();
    long start = System.nanoTime();
    List<Long> micros = new ArrayList<>();
    int timeouts = 0;
    while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(seconds)) {
      long t0 = System.nanoTime();
      if (probe(port)) {
        micros.add((System.nanoTime() - t0) / 1_000);
      } else {
        timeouts++;
      }
      long left = PROBE_EVERY_MILLIS - (System.nanoTime() - t0) / 1_000_000;
      if (left > 0) {
        Thread.sleep(left);
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long scraped = scrapes.get() - scrapesBefore;
    stop.set(true);
    for (Thread t : threads) {
      t.join(30_000);
    }
    long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    System.out.printf(
        Locale.ROOT,
        "body %.1f MB, %d scrapers (%s): %.2f scrapes/s, %.1f MB/s on the wire%n",
        bodyBytes / 1e6,
        scrapers,
        gzip ? "gzip" : "identity",
        scraped / elapsed,
        wireBytes.get() / 1e6 / (elapsed + 2));
    System.out.printf(
        Locale.ROOT,
        "/healthz: %d probes, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d timed out (%d ms)%n",
        sorted.length,
        percentile(sorted, 0.50) / 1e3,
        percentile(sorted, 0.99) / 1e3,
        sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e3,
        timeouts,
        PROBE_TIMEOUT_MILLIS);
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
  }

  /** One kubelet-like probe; true when a complete 200 arrived in time. */
  private static boolean probe(int port) {
    try (Socket s = new Socket()) {
      s.setSoTimeout(PROBE_TIMEOUT_MILLIS);
      s.connect(new InetSocketAddress("127.0.0.1", port), PROBE_TIMEOUT_MILLIS);
      s.getOutputStream()
          .write(
              "GET /healthz HTTP/1.1\r\nHost: localhost\r\nUser-Agent: kube-probe/1.31\r\n"
                  .concat("Connection: close\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      byte[] answer = s.getInputStream().readAllBytes();
      return new String(answer, 0, Math.min(answer.length, 15), StandardCharsets.US_ASCII)
          .equals("HTTP/1.1 200 OK");
    } catch (IOException e) {
      return false;
    }
  }

  /** Full scrapes over one keep-alive connection until stopped; reads and discards the body. */
  private static void scrapeLoop(
      int port, boolean gzip, AtomicBoolean stop, AtomicLong scrapes, AtomicLong wireBytes) {
    byte[] request =
        ("GET /metrics HTTP/1.1\r\nHost: localhost\r\n"
                + (gzip ? "Accept-Encoding: gzip\r\n" : "")
                + "Connection: close\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] buffer = new byte[64 * 1024];
    while (!stop.get()) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        OutputStream out = s.getOutputStream();
        out.write(request);
        InputStream in = s.getInputStream();
        long n = 0;
        for (int r; (r = in.read(buffer)) >= 0; ) {
          n += r;
        }
        wireBytes.addAndGet(n);
        scrapes.incrementAndGet();
      } catch (IOException e) {
        Arrays.fill(buffer, (byte) 0);
      }
    }
  }
}
