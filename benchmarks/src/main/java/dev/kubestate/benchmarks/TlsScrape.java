package dev.kubestate.benchmarks;

import dev.kubestate.exporter.exposition.ExpositionBuffer;
import dev.kubestate.exporter.exposition.Format;
import dev.kubestate.exporter.server.MainServer;
import dev.kubestate.exporter.server.RequestDurations;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.exporter.store.Scrape;
import dev.kubestate.exporter.webaccess.ListenerAccess;
import dev.kubestate.exporter.webaccess.ServerTimeouts;
import dev.kubestate.exporter.webaccess.WebAccess;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A full {@code /metrics} of {@code pods} pods over TLS, HTTP/1.1 against HTTP/2 (ALPN {@code
 * h2}, the web config's default), plain and gzip, fetched by curl and by the JDK HTTP client:
 * checks every body arrives whole (its length, decompressed, equals the store's) and prints the
 * median and best time of {@code runs} fetches, taken round-robin after a warm-up; each time
 * includes reading (and for gzip, decoding) the body. A program, not JMH: a fetch is one large
 * transfer. Needs
 * {@code openssl} (a throwaway certificate) and {@code curl}.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar dev.kubestate.benchmarks.TlsScrape 2800 7}
 */
public final class TlsScrape {

  private TlsScrape() {}

  public static void main(String[] args) throws Exception {
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 2800;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path dir = Files.createTempDirectory("tls-scrape");
    certificate(dir);
    List<MetricsStore<?>> stores = List.of(PodStores.filled(pods));
    long size = bodySize(stores);
    System.out.printf(Locale.ROOT, "pods %d, body %,d bytes, %d runs each%n", pods, size, runs);
    System.out.println("| server | client | spoke | bytes on the wire | median ms | best ms |");
    System.out.println("|---|---|---|---|---|---|");
    Vertx vertx = Vertx.vertx();
    try {
      for (boolean http2 : new boolean[] {true, false}) {
        measure(vertx, dir, stores, size, runs, http2);
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** Serves the stores with {@code http2} on or off and prints a row per client and encoding. */
  private static void measure(
      Vertx vertx, Path dir, List<MetricsStore<?>> stores, long size, int runs, boolean http2)
      throws Exception {
    Path config = dir.resolve(http2 ? "h2.yml" : "h1.yml");
    Files.writeString(
        config,
        "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n"
            + "http_server_config:\n  http2: " + http2 + "\n");
    WebAccess access = WebAccess.start(vertx, config, null);
    int port =
        MainServer.listen(
                vertx, "127.0.0.1", 0, stores, () -> true,
                () -> CompletableFuture.completedFuture(true), RequestDurations.IGNORE,
                new ListenerAccess(access, ServerTimeouts.KSM_DEFAULTS))
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS)
            .actualPort();
    String url = "https://localhost:" + port + "/metrics";
    String server = http2 ? "http2: true " : "http2: false";
    List<String> names = new ArrayList<>();
    List<Fetch> fetches = new ArrayList<>();
    for (boolean gzip : new boolean[] {false, true}) {
      String enc = gzip ? "gzip" : "plain";
      names.add("curl --http1.1, " + enc);
      fetches.add(() -> curl(url, "--http1.1", gzip, size));
      names.add("curl --http2, " + enc);
      fetches.add(() -> curl(url, "--http2", gzip, size));
      HttpClient h1 = client(dir, HttpClient.Version.HTTP_1_1);
      names.add("JDK HTTP_1_1, " + enc);
      fetches.add(() -> jdk(h1, url, gzip, size));
      HttpClient h2 = client(dir, HttpClient.Version.HTTP_2);
      names.add("JDK HTTP_2, " + enc);
      fetches.add(() -> jdk(h2, url, gzip, size));
    }
    // Warm-up, then the runs round-robin, so that a noisy neighbour hits every client alike.
    for (int w = 0; w < 2; w++) {
      for (Fetch f : fetches) {
        f.once();
      }
    }
    List<List<Result>> results = new ArrayList<>();
    fetches.forEach(f -> results.add(new ArrayList<>()));
    for (int i = 0; i < runs; i++) {
      for (int k = 0; k < fetches.size(); k++) {
        results.get(k).add(fetches.get(k).once());
      }
    }
    for (int k = 0; k < fetches.size(); k++) {
      report(server, names.get(k), results.get(k));
    }
    access.close();
  }

  /** One fetch of the whole body, checked. */
  private interface Fetch {
    Result once() throws Exception;
  }

  /** What one fetch found: the protocol spoken, its time, the bytes received. */
  private record Result(String protocol, double millis, long wireBytes) {}

  private static void report(String server, String client, List<Result> runs) {
    double[] millis = runs.stream().mapToDouble(Result::millis).toArray();
    Result last = runs.get(runs.size() - 1);
    System.out.printf(
        Locale.ROOT, "| %s | %s | %s | %,d | %.0f | %.0f |%n",
        server, client, last.protocol, last.wireBytes, median(millis),
        Arrays.stream(millis).min().orElse(0));
  }

  private static Result curl(String url, String version, boolean gzip, long size)
      throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of("curl", "-sk", version, "-w",
                "%{stderr}%{http_version} %{size_download} %{time_total}", url));
    if (gzip) {
      cmd.addAll(1, List.of("-H", "Accept-Encoding: gzip"));
    }
    Process p = new ProcessBuilder(cmd).start();
    CountingStream counted = new CountingStream(p.getInputStream());
    long decoded = count(gzip ? new GZIPInputStream(counted) : counted);
    String[] out =
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim().split(" ");
    if (p.waitFor() != 0 || out.length != 3 || decoded != size) {
      throw new IOException(
          "curl " + version + ": " + String.join(" ", out) + ", " + decoded + " of " + size);
    }
    return new Result(
        "HTTP/" + out[0], Double.parseDouble(out[2]) * 1000, counted.count);
  }

  private static HttpClient client(Path dir, HttpClient.Version version) throws Exception {
    return HttpClient.newBuilder().version(version).sslContext(trusting(dir)).build();
  }

  private static Result jdk(HttpClient client, String url, boolean gzip, long size)
      throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (gzip) {
      r.header("Accept-Encoding", "gzip");
    }
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        client.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
    CountingStream counted = new CountingStream(response.body());
    long decoded = count(gzip ? new GZIPInputStream(counted) : counted);
    double millis = (System.nanoTime() - start) / 1e6;
    if (response.statusCode() != 200 || decoded != size) {
      throw new IOException(
          "JDK " + client.version() + " got " + response.statusCode() + ", " + decoded + " of "
              + size);
    }
    String protocol = response.version() == HttpClient.Version.HTTP_2 ? "HTTP/2" : "HTTP/1.1";
    return new Result(protocol, millis, counted.count);
  }

  private static long count(InputStream in) throws IOException {
    byte[] buf = new byte[64 * 1024];
    long total = 0;
    try (in) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        total += n;
      }
    }
    return total;
  }

  /** Counts the bytes read through it. */
  private static final class CountingStream extends java.io.FilterInputStream {
    long count;

    CountingStream(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      count += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      count += Math.max(n, 0);
      return n;
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static long bodySize(List<MetricsStore<?>> stores) {
    ExpositionBuffer chunk = new ExpositionBuffer(320 * 1024);
    Scrape scrape = new Scrape(stores, Format.TEXT);
    long total = 0;
    boolean done;
    do {
      chunk.reset();
      done = scrape.fill(chunk, 256 * 1024);
      total += chunk.size();
    } while (!done);
    return total;
  }

  private static void certificate(Path dir) throws Exception {
    Process p =
        new ProcessBuilder(
                "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:P-256", "-nodes", "-keyout", "tls.key", "-out", "tls.crt",
                "-days", "1", "-subj", "/CN=localhost", "-addext",
                "subjectAltName=DNS:localhost,IP:127.0.0.1")
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("openssl failed: " + out);
    }
  }

  private static SSLContext trusting(Path dir) throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(dir.resolve("tls.crt"))) {
      trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509")
          .generateCertificate(in));
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(trust);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return ctx;
  }
}
