package dev.kubestate.exporter.telemetry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.apiserver.ApiServerFeatures;
import dev.kubestate.apiserver.SelectingDispatcher;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.process.LogSettings;
import dev.kubestate.exporter.process.Logging;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An API server that goes away for some seconds and comes back: the exporter logs one concise line
 * per failed list or watch (resource, what failed, the cause, the next retry), the first within
 * about a second, none with a stack trace, a number bounded by the reflector's backoff; and it
 * recovers, exporting what the returned server holds.
 */
class ApiOutageIT {

  /** How long the API server stays away. */
  private static final Duration OUTAGE = Duration.ofSeconds(8);

  private static final Pattern FAILURE_LINE =
      Pattern.compile(
          ".* WARN  \\[.*\\] .*ApiFailureLog - \\*v1\\.(Namespace|Pod): (list|watch) failed: .+;"
              + " retrying with backoff$");

  private final ByteArrayOutputStream log = new ByteArrayOutputStream();

  @AfterEach
  void restoreLogging() {
    Logging.apply(LogSettings.DEFAULT);
  }

  @Test
  void logsOneLinePerFailureWithoutStackTracesAndRecovers() throws Exception {
    Logging.apply(LogSettings.DEFAULT, log);
    KubernetesMockServer first = apiServer(0);
    int port = first.getPort();
    create(first, "before");
    Config config =
        new ConfigBuilder()
            .withMasterUrl("http://127.0.0.1:" + port)
            .withWatchReconnectInterval(1000)
            .build();
    KubernetesMockServer second = null;
    try (Exporter exporter =
        Exporter.start(TestExporters.config(config, "--resources=namespaces,pods"))) {
      Await.until("sync", exporter::isSynced, s -> s);
      int start = text().length();
      CrudApiServer.stop(null, first);
      long stopped = System.nanoTime();
      Await.until(
          "a failure line within about a second",
          Duration.ofSeconds(3),
          Duration.ofMillis(20),
          () -> text().substring(start),
          t -> !failureLines(t).isEmpty());
      Await.until(
          "the outage to last " + OUTAGE,
          OUTAGE.plusSeconds(5),
          Duration.ofMillis(100),
          () -> System.nanoTime() - stopped,
          n -> n >= OUTAGE.toNanos());
      second = apiServer(port);
      create(second, "after");
      Await.until(
          "the namespace of the returned API server exported",
          () -> Endpoints.get(exporter.metricsPort(), "/metrics").body(),
          b -> b.contains("kube_namespace_created{namespace=\"after\"}"));
      String during = text().substring(start);
      List<String> failures = failureLines(during);
      // Two kinds, lists and watches each: one line per kind and request type when its failures
      // start, and no repeat within 30 s, however often the client retries in the 8 s.
      assertTrue(failures.size() >= 1 && failures.size() <= 4, during);
      assertTrue(during.contains("succeeded after"), during);
      for (String line : during.split("\n")) {
        assertFalse(line.startsWith("\tat ") || line.startsWith("Caused by"), during);
        assertFalse(line.contains("Exception:") && !FAILURE_LINE.matcher(line).matches(), during);
      }
    } finally {
      CrudApiServer.stop(null, second);
    }
  }

  private String text() {
    synchronized (log) {
      return log.toString(StandardCharsets.UTF_8);
    }
  }

  private static List<String> failureLines(String text) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.contains("ApiFailureLog") && line.contains(" failed: ")) {
        assertTrue(FAILURE_LINE.matcher(line).matches(), line);
        out.add(line);
      }
    }
    return out;
  }

  private static KubernetesMockServer apiServer(int port) {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new SelectingDispatcher(ApiServerFeatures.withShardSelector()),
            false);
    server.init(InetAddress.getLoopbackAddress(), port);
    return server;
  }

  private static void create(KubernetesMockServer server, String namespace) {
    try (KubernetesClient c = server.createClient()) {
      c.namespaces()
          .resource(
              new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
          .create();
    }
  }
}
