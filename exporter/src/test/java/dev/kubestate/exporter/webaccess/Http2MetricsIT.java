package dev.kubestate.exporter.webaccess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kubestate.exporter.exposition.ExpositionBuffer;
import dev.kubestate.exporter.exposition.Format;
import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KeyAllowlist;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.resources.Namespaces;
import dev.kubestate.exporter.resources.ObjectNames;
import dev.kubestate.exporter.server.MainServer;
import dev.kubestate.exporter.server.RequestDurations;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.exporter.store.Scrape;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 20 MB {@code /metrics} over TLS with HTTP/2 (the web config's default, offered by ALPN)
 * arrives whole, plain and gzip, through the JDK client and curl {@code --http2}; with {@code
 * http2: false} the same clients are answered in HTTP/1.1. Times are measured by {@code
 * benchmarks/TlsScrape}, not here.
 */
class Http2MetricsIT {

  private static final int NAMESPACES = 2200;

  @TempDir static Path dir;
  private static Vertx vertx;
  private static byte[] expected;
  private static String h2Url;
  private static String h1Url;
  private static TestCertificates ca;

  @BeforeAll
  static void start() throws Exception {
    MetricsStore<Namespace> store =
        new MetricsStore<>(
            new KindRenderer<>(
                new Namespaces(),
                new ResourceOptions(KeyAllowlist.ALL, KeyAllowlist.NONE),
                FamilyFilter.DEFAULT,
                RenderFailures.IGNORE,
                ObjectNames::describe));
    for (int i = 0; i < NAMESPACES; i++) {
      Map<String, String> labels = new LinkedHashMap<>();
      for (int l = 0; l < 40; l++) {
        labels.put("label-" + l, "value-" + i + "-" + l + "-" + "x".repeat(200));
      }
      store.put(
          "uid-" + i,
          new NamespaceBuilder()
              .withNewMetadata()
              .withName("ns-" + i)
              .withUid("uid-" + i)
              .withLabels(labels)
              .endMetadata()
              .withNewStatus()
              .withPhase("Active")
              .endStatus()
              .build());
    }
    List<MetricsStore<?>> stores = List.of(store);
    expected = body(stores);
    assertTrue(expected.length > 20_000_000, "body of " + expected.length + " bytes");
    ca = TestCertificates.newCa("test-ca");
    ca.issue("server").write(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    vertx = Vertx.vertx();
    h2Url = serve(stores, "h2.yml", "");
    h1Url = serve(stores, "h1.yml", "http_server_config:\n  http2: false\n");
  }

  @AfterAll
  static void stop() throws Exception {
    if (vertx == null) {
      return;
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static String serve(List<MetricsStore<?>> stores, String name, String extra)
      throws Exception {
    Path config = dir.resolve(name);
    Files.writeString(
        config, "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n" + extra);
    WebAccess access = WebAccess.start(vertx, config, null);
    int port =
        MainServer.listen(
                vertx,
                "127.0.0.1",
                0,
                stores,
                () -> true,
                () -> CompletableFuture.completedFuture(true),
                RequestDurations.IGNORE,
                new ListenerAccess(access, ServerTimeouts.KSM_DEFAULTS))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS)
            .actualPort();
    return "https://localhost:" + port + "/metrics";
  }

  /** The store's exposition, written as the scrape path writes it. */
  private static byte[] body(List<MetricsStore<?>> stores) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ExpositionBuffer chunk = new ExpositionBuffer(512 * 1024);
    Scrape scrape = new Scrape(stores, Format.TEXT);
    boolean done;
    do {
      chunk.reset();
      done = scrape.fill(chunk, 256 * 1024);
      out.write(chunk.array(), 0, chunk.size());
    } while (!done);
    return out.toByteArray();
  }

  private static HttpResponse<InputStream> jdk(String url, boolean gzip) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .sslContext(ca.clientContext(null))
            .build();
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    if (gzip) {
      r.header("Accept-Encoding", "gzip");
    }
    return client.send(r.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static byte[] read(HttpResponse<InputStream> response, boolean gzip) throws IOException {
    assertEquals(200, response.statusCode());
    assertEquals(gzip ? "gzip" : "", response.headers().firstValue("content-encoding").orElse(""));
    try (InputStream in = gzip ? new GZIPInputStream(response.body()) : response.body()) {
      return in.readAllBytes();
    }
  }

  @Test
  void theJdkClientGetsTheWholeBodyOverHttp2PlainAndGzip() throws Exception {
    for (boolean gzip : new boolean[] {false, true}) {
      HttpResponse<InputStream> response = jdk(h2Url, gzip);
      assertEquals(HttpClient.Version.HTTP_2, response.version());
      assertArrayEquals(expected, read(response, gzip), gzip ? "gzip" : "plain");
    }
  }

  @Test
  void curlGetsTheWholeBodyOverHttp2PlainAndGzip() throws Exception {
    assumeTrue(Curl.available(), "curl is not installed");
    for (boolean gzip : new boolean[] {false, true}) {
      Path out = dir.resolve(gzip ? "curl-gzip" : "curl-plain");
      Process p =
          new ProcessBuilder(
                  "curl", "-sS", "-k", "--http2", gzip ? "--compressed" : "--no-compressed",
                  "--max-time", "60", "-o", out.toString(), "-w", "%{http_version}", h2Url)
              .redirectErrorStream(true)
              .start();
      String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, p.waitFor(), version);
      assertEquals("2", version.trim());
      assertArrayEquals(expected, Files.readAllBytes(out), gzip ? "gzip" : "plain");
    }
  }

  @Test
  void withHttp2OffTheSameClientsAreAnsweredInHttp11() throws Exception {
    HttpResponse<InputStream> response = jdk(h1Url, true);
    assertEquals(HttpClient.Version.HTTP_1_1, response.version());
    assertArrayEquals(expected, read(response, true));
  }
}
