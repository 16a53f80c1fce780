package dev.kubestate.demo.run;

import dev.kubestate.exporter.testing.Await;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus server (the {@code prometheus} binary, e.g. Debian's package) in a child
 * process on a free loopback port, with its configuration, TSDB and log in one directory, and
 * queried through its HTTP API. {@link #close} stops it and waits for its exit; idempotent.
 */
final class PrometheusServer implements AutoCloseable {

  /** One element of an instant vector: its labels (sorted by name) and value. */
  record Sample(Map<String, String> labels, double value) {}

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ChildProcess process;
  private final URI base;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private PrometheusServer(ChildProcess process, URI base) {
    this.process = process;
    this.base = base;
  }

  /** The executable {@code name} on {@code PATH}, if any. */
  static Optional<Path> binary(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /**
   * Writes {@code config} to {@code dir/prometheus.yml} and starts {@code binary} with it, its TSDB
   * in {@code dir/data} and its log in {@code dir/prometheus.log}; returns at once.
   */
  static PrometheusServer start(Path binary, Path dir, String config) throws IOException {
    Path configFile = Files.writeString(dir.resolve("prometheus.yml"), config);
    int port = freePort();
    List<String> command =
        List.of(
            binary.toString(),
            "--config.file=" + configFile,
            "--storage.tsdb.path=" + dir.resolve("data"),
            "--web.listen-address=127.0.0.1:" + port);
    ChildProcess p =
        ChildProcess.start("prometheus", command, dir.resolve("prometheus.log"), STOP_TIMEOUT);
    return new PrometheusServer(p, URI.create("http://127.0.0.1:" + port));
  }

  /** A port nobody listened on a moment ago; Prometheus reports it in its log if it is taken. */
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Waits until {@code /-/ready} answers 200.
   *
   * @throws AssertionError with Prometheus' log when it exits first or the deadline passes
   */
  void awaitReady(Duration deadline, Duration poll) {
    Await.until(
        "Prometheus to be ready",
        deadline,
        poll,
        () -> {
          process.assertAlive();
          try {
            return get("/-/ready").statusCode();
          } catch (IOException e) {
            return -1;
          }
        },
        status -> status == 200);
  }

  /**
   * Evaluates {@code promql} as an instant vector at {@code time}.
   *
   * @throws AssertionError when Prometheus rejects the query or returns another result type
   */
  List<Sample> query(String promql, Instant time) {
    JsonNode data =
        call(
            "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&time="
                + time);
    if (!"vector".equals(data.path("resultType").asString())) {
      throw new AssertionError("not an instant vector: " + promql + " gave " + data);
    }
    List<Sample> samples = new ArrayList<>();
    for (JsonNode r : data.path("result").values()) {
      Map<String, String> labels = new TreeMap<>();
      r.path("metric").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
      samples.add(new Sample(labels, number(r.path("value").path(1).asString())));
    }
    return samples;
  }

  /** The {@code groups} of {@code /api/v1/rules}: each with its rules, their state and health. */
  JsonNode ruleGroups() {
    return call("/api/v1/rules").path("groups");
  }

  /** Everything Prometheus has logged so far. */
  String log() {
    return process.output();
  }

  @Override
  public void close() {
    process.close();
  }

  /** GETs an API path and returns the response's {@code data}; anything else fails. */
  private JsonNode call(String pathAndQuery) {
    HttpResponse<String> r;
    try {
      r = get(pathAndQuery);
    } catch (IOException e) {
      process.assertAlive();
      throw new AssertionError("GET " + pathAndQuery + " failed", e);
    }
    JsonNode body = JSON.readTree(r.body());
    if (r.statusCode() != 200 || !"success".equals(body.path("status").asString())) {
      throw new AssertionError("GET " + pathAndQuery + ": " + r.statusCode() + " " + r.body());
    }
    return body.path("data");
  }

  private HttpResponse<String> get(String pathAndQuery) throws IOException {
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(REQUEST_TIMEOUT).build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Prometheus' JSON sample value: a decimal, {@code NaN}, {@code +Inf} or {@code -Inf}. */
  private static double number(String value) {
    switch (value) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(value);
    }
  }
}
