package dev.kubestate.demo.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.demo.world.SyntheticCluster;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No Secret value ever leaves the exporter: the packaged demo serves a cluster whose Secrets carry
 * data, with every label and annotation of Secrets allowed, every opt-in family on and churn
 * running; neither any shard's {@code /metrics}, nor the telemetry, nor anything the process logs
 * contains any of those values, encoded or decoded, while every Secret is exported.
 */
class SecretValuesIT {

  private static final long SEED = 3;
  private static final int NODES = 5;
  private static final int PODS = 120;
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofMillis(500);

  /** Shorter values could occur in the output by chance (a "1", an "admin"). */
  private static final int MIN_VALUE_LENGTH = 8;

  @Test
  void noSecretValueInMetricsTelemetryOrLogs(@TempDir Path dir) throws Exception {
    Path jar = Path.of("target", "kube-state-exporter-demo.jar");
    assertTrue(Files.isRegularFile(jar), "package the jar first: " + jar.toAbsolutePath());
    List<Secret> secrets = new ArrayList<>();
    Set<String> names = new TreeSet<>();
    for (HasMetadata o : SyntheticCluster.generate(SEED, NODES, PODS).objects()) {
      if (o instanceof Secret s) {
        secrets.add(s);
      }
      names.add(o.getMetadata().getName());
      names.add(String.valueOf(o.getMetadata().getNamespace()));
    }
    Set<String> values = values(secrets);
    // A service account token Secret holds its namespace's name, which is public anyway.
    values.removeAll(names);
    assertFalse(values.isEmpty(), "the demo cluster holds no Secret values to look for");
    List<String> args =
        List.of(
            "--shards", "2", "--nodes", "" + NODES, "--pods", "" + PODS, "--seed", "" + SEED,
            "--churn", "20",
            "--metric-labels-allowlist=secrets=[*]",
            "--metric-annotations-allowlist=secrets=[*]",
            "--metric-opt-in-list=.*");
    List<String> bodies = new ArrayList<>();
    try (DemoProcess demo = DemoProcess.start(jar, dir.resolve("demo.log"), args)) {
      demo.awaitListening(DEADLINE, POLL);
      List<String> metrics =
          Await.until(
              "every Secret exported",
              DEADLINE,
              POLL,
              () -> scrape(demo.metricsTargets()),
              scraped -> count(scraped, "kube_secret_info{") >= secrets.size());
      bodies.addAll(metrics);
      bodies.addAll(scrape(demo.telemetryTargets()));
      bodies.add(demo.output());
    }
    bodies.add(Files.readString(dir.resolve("demo.log"), StandardCharsets.UTF_8));
    List<String> leaks = new ArrayList<>();
    for (String value : values) {
      for (String body : bodies) {
        if (body.contains(value)) {
          leaks.add(value);
        }
      }
    }
    assertEquals(List.of(), leaks);
  }

  /** Every {@code data} value as served (base64) and decoded, and every {@code stringData} one. */
  private static Set<String> values(List<Secret> secrets) {
    Set<String> out = new TreeSet<>();
    for (Secret s : secrets) {
      for (Map<String, String> data : List.of(orEmpty(s.getData()), orEmpty(s.getStringData()))) {
        for (String v : data.values()) {
          add(out, v);
          try {
            add(out, new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
          } catch (IllegalArgumentException e) {
            // stringData is not base64; the value itself is already added.
          }
        }
      }
    }
    return out;
  }

  private static void add(Set<String> out, String value) {
    if (value != null && value.strip().length() >= MIN_VALUE_LENGTH) {
      out.add(value.strip());
    }
  }

  private static Map<String, String> orEmpty(Map<String, String> m) {
    return m == null ? Map.of() : m;
  }

  private static List<String> scrape(List<String> targets) {
    List<String> out = new ArrayList<>();
    for (String target : targets) {
      int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
      out.add(Endpoints.get(port, "/metrics").body());
    }
    return out;
  }

  private static int count(List<String> bodies, String prefix) {
    int n = 0;
    for (String body : bodies) {
      for (int i = body.indexOf(prefix); i >= 0; i = body.indexOf(prefix, i + 1)) {
        n++;
      }
    }
    return n;
  }
}
