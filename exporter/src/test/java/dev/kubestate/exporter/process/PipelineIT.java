package dev.kubestate.exporter.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole pipeline against the CRUD mock API server: informer, store and streamed
 * {@code /metrics} over real HTTP. Expected lines are KSM's (reference/ksm-vectors/namespaces).
 */
@ExtendWith(CrudApiServer.class)
class PipelineIT {

  static KubernetesClient client;
  static KubernetesMockServer server;

  private Exporter exporter;

  @BeforeEach
  void start() throws Exception {
    exporter =
        Exporter.start(
            TestExporters.config(client.getConfiguration(), "--resources=namespaces,pods"),
            TestExporters.strictEventLoop());
    Await.until("sync", exporter::isSynced, s -> s);
  }

  @AfterEach
  void stop() {
    exporter.close();
    client.namespaces().delete();
  }

  private static Namespace namespace(String name, String phase) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewStatus()
        .withPhase(phase)
        .endStatus()
        .build();
  }

  @Test
  void metricsFollowCreateUpdateAndDelete() {
    client.resource(namespace("alpha", "Active")).create();
    Await.until(
        "alpha Active",
        () -> Endpoints.metrics(exporter, ""),
        b -> b.contains("kube_namespace_status_phase{namespace=\"alpha\",phase=\"Active\"} 1\n"));

    client.namespaces().withName("alpha").edit(n -> namespace("alpha", "Terminating"));
    String body =
        Await.until(
            "alpha Terminating",
            () -> Endpoints.metrics(exporter, ""),
            b ->
                b.contains(
                    "kube_namespace_status_phase{namespace=\"alpha\",phase=\"Terminating\"} 1\n"));
    assertTrue(
        body.contains("kube_namespace_status_phase{namespace=\"alpha\",phase=\"Active\"} 0\n"));

    client.namespaces().withName("alpha").delete();
    Await.until(
        "alpha gone",
        () -> Endpoints.metrics(exporter, ""),
        b -> !b.contains("namespace=\"alpha\""));
  }

  @Test
  void emptyStoreWritesNoHeaders() {
    String body = Endpoints.metrics(exporter, "");
    // ksm-behaviour.md 3.5: a resource with no objects contributes nothing, not even headers.
    assertEquals("", body);
  }

  @Test
  void gzipWhenAccepted() throws IOException {
    client.resource(namespace("zipped", "Active")).create();
    Await.until(
        "zipped", () -> Endpoints.metrics(exporter, ""), b -> b.contains("\"zipped\""));
    HttpResponse<byte[]> r =
        Endpoints.getBytes(exporter.metricsPort(), "/metrics", "Accept-Encoding", "gzip");
    assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElse(""));
    String body;
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
      body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertTrue(
        body.contains("kube_namespace_status_phase{namespace=\"zipped\",phase=\"Active\"} 1\n"),
        body);
    assertEquals(Endpoints.metrics(exporter, ""), body);
  }

  @Test
  void noCompressionWithoutAcceptEncoding() {
    HttpResponse<String> r = Endpoints.get(exporter.metricsPort(), "/metrics");
    assertFalse(r.headers().firstValue("Content-Encoding").isPresent());
  }

  @Test
  void openMetricsEndsWithEof() {
    client.resource(namespace("om", "Active")).create();
    Await.until("om", () -> Endpoints.metrics(exporter, ""), b -> b.contains("\"om\""));
    HttpResponse<String> r =
        Endpoints.get(
            exporter.metricsPort(),
            "/metrics",
            "Accept",
            "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
                + "application/openmetrics-text;version=0.0.1;q=0.5,"
                + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
                + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2");
    assertEquals(
        "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=allow-utf-8",
        r.headers().firstValue("Content-Type").orElse(""));
    assertTrue(r.body().endsWith("\n# EOF\n"), r.body());
    assertTrue(
        r.body().contains("# HELP kube_namespace_status_phase [STABLE] kubernetes namespace"
            + " status phase.\n# TYPE kube_namespace_status_phase gauge\n"));
  }

  @Test
  void emptyOpenMetricsBodyIsJustEof() {
    HttpResponse<String> r =
        Endpoints.get(
            exporter.metricsPort(), "/metrics", "Accept", "application/openmetrics-text");
    assertEquals("# EOF\n", r.body());
  }

  @Test
  void textIsTheDefaultFormat() {
    HttpResponse<String> r = Endpoints.get(exporter.metricsPort(), "/metrics");
    assertEquals(200, r.statusCode());
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8",
        r.headers().firstValue("Content-Type").orElse(""));
  }
}
