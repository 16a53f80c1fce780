package dev.kubestate.demo.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus scrapes {@code demo --tls-config} over TLS with basic auth: both targets up.
 * The certificate comes from openssl, the bcrypt hash from Python's {@code crypt} (constant).
 */
class PrometheusTlsIT {

  /** bcrypt of "s3cret" at cost 10, from {@code crypt.crypt('s3cret', METHOD_BLOWFISH)}. */
  private static final String HASH = "$2b$10$jGM42ZG7iu2reikIi5.mpe8y3woqr85lXyOhQR96TAkumo/iTEM.G";

  private static final Duration DEADLINE = Duration.ofSeconds(120);

  @TempDir Path dir;

  @Test
  void prometheusScrapesTheDemoOverTlsWithBasicAuth() throws Exception {
    Optional<Path> binary = PrometheusServer.binary("prometheus");
    assumeTrue(binary.isPresent(), "prometheus not on PATH (Debian package prometheus)");
    Optional<Path> openssl = PrometheusServer.binary("openssl");
    assumeTrue(openssl.isPresent(), "openssl not on PATH (Debian package openssl)");
    Path jar = Path.of("target", "kube-state-exporter-demo.jar");
    assertTrue(Files.isRegularFile(jar), "package the jar first: " + jar.toAbsolutePath());
    Process p =
        new ProcessBuilder(
                openssl.get().toString(), "req", "-x509", "-newkey", "ec", "-pkeyopt",
                "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", dir.resolve("tls.key").toString(),
                "-out", dir.resolve("tls.crt").toString())
            .redirectErrorStream(true)
            .start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, "openssl made a cert");
    Path web = dir.resolve("web-config.yml");
    Files.writeString(
        web,
        "tls_server_config:\n  cert_file: tls.crt\n  key_file: tls.key\n"
            + "basic_auth_users:\n  prometheus: " + HASH + "\n",
        StandardCharsets.UTF_8);
    try (DemoProcess demo =
        DemoProcess.start(
            jar,
            dir.resolve("demo.log"),
            List.of("--shards", "1", "--nodes", "3", "--pods", "30", "--tls-config",
                web.toString()))) {
      demo.awaitListening(DEADLINE, Duration.ofMillis(500));
      assertEquals(List.of("https", "https"), demo.schemes(), "the start line names TLS");
      String config =
          "global:\n  scrape_interval: 1s\nscrape_configs:\n"
              + job("metrics", demo.metricsTargets())
              + job("telemetry", demo.telemetryTargets());
      try (PrometheusServer prometheus = PrometheusServer.start(binary.get(), dir, config)) {
        prometheus.awaitReady(DEADLINE, Duration.ofMillis(500));
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        double up = 0;
        while (System.nanoTime() < deadline) {
          List<PrometheusServer.Sample> s = prometheus.query("count(up == 1)", Instant.now());
          up = s.isEmpty() ? 0 : s.get(0).value();
          if (up == 2) {
            break;
          }
          TimeUnit.MILLISECONDS.sleep(500);
        }
        assertEquals(2, up, "both targets up over TLS with basic auth\n" + prometheus.log());
        List<PrometheusServer.Sample> pods =
            prometheus.query("count(kube_pod_info)", Instant.now());
        assertTrue(!pods.isEmpty() && pods.get(0).value() > 0, "pods scraped over TLS");
      }
    }
  }

  private String job(String name, List<String> targets) {
    return "- job_name: " + name + "\n  scheme: https\n  tls_config:\n    ca_file: "
        + dir.resolve("tls.crt") + "\n  basic_auth:\n    username: prometheus\n"
        + "    password: s3cret\n  static_configs:\n  - targets: ["
        + targets.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(", "))
        + "]\n";
  }

}
