package dev.kubestate.exporter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code /healthz}, {@code /livez}, {@code /readyz}, landing pages and 404s on both ports. */
@ExtendWith(CrudApiServer.class)
class ProbesIT {

  static KubernetesClient client;
  static KubernetesMockServer server;

  @Test
  void notReadyWhileTheApiServerStalls() throws Exception {
    // Accepts connections and never answers: the informers cannot list.
    try (ServerSocket stalled = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Config config =
          new ConfigBuilder()
              .withMasterUrl("http://127.0.0.1:" + stalled.getLocalPort())
              .withRequestTimeout(60_000)
              .build();
      try (Exporter exporter =
          Exporter.start(
              TestExporters.config(config, "--resources=namespaces"),
              TestExporters.strictEventLoop())) {
        assertFalse(exporter.isSynced());
        assertStatus(503, "Service Unavailable", exporter.metricsPort(), "/readyz");
        assertStatus(503, "Service Unavailable", exporter.telemetryPort(), "/readyz");
        assertStatus(200, "OK", exporter.metricsPort(), "/healthz");
        // The check of the stalled API server runs for 5 s; the probe does not wait for it.
        long start = System.nanoTime();
        assertStatus(503, "Service Unavailable", exporter.metricsPort(), "/livez");
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 2_500, "/livez took " + millis + " ms, its probe's timeout is 5 s");
      }
    }
  }

  @Test
  void readyOnBothPortsOnceSynced() throws Exception {
    try (Exporter exporter = startAgainstMock()) {
      Await.until("sync", exporter::isSynced, s -> s);
      assertStatus(200, "OK", exporter.metricsPort(), "/readyz");
      assertStatus(200, "OK", exporter.telemetryPort(), "/readyz");
    }
  }

  @Test
  void livezAsksTheApiServer() throws Exception {
    server.expect().get().withPath("/livez").andReturn(200, "ok").always();
    try (Exporter exporter = startAgainstMock()) {
      assertStatus(200, "OK", exporter.metricsPort(), "/livez");
    }
  }

  @Test
  void landingPagesLinkTheEndpoints() throws Exception {
    try (Exporter exporter = startAgainstMock()) {
      HttpResponse<String> main = Endpoints.get(exporter.metricsPort(), "/");
      assertEquals(200, main.statusCode());
      assertEquals("text/html; charset=utf-8", main.headers().firstValue("Content-Type").get());
      for (String path : new String[] {"/metrics", "/healthz", "/livez", "/readyz"}) {
        assertTrue(main.body().contains("href=\"" + path + "\""), path);
      }
      HttpResponse<String> telemetry = Endpoints.get(exporter.telemetryPort(), "/");
      assertEquals(200, telemetry.statusCode());
      assertTrue(telemetry.body().contains("href=\"/metrics\""));
    }
  }

  /**
   * Java's client offers an h2c upgrade on plain HTTP; both listeners answer in HTTP/1.1, as
   * KSM's plain-HTTP server does and Prometheus scrapes.
   */
  @Test
  void answersInHttp11WhenOfferedAnH2cUpgrade() throws Exception {
    try (Exporter exporter = startAgainstMock()) {
      for (int port : new int[] {exporter.metricsPort(), exporter.telemetryPort()}) {
        HttpResponse<String> r = Endpoints.get(port, "/metrics");
        assertEquals(200, r.statusCode());
        assertEquals(HttpClient.Version.HTTP_1_1, r.version(), "port " + port);
      }
    }
  }

  @Test
  void unknownPathsAre404() throws Exception {
    try (Exporter exporter = startAgainstMock()) {
      assertStatus(404, "404 page not found", exporter.metricsPort(), "/nope");
      assertStatus(404, "404 page not found", exporter.metricsPort(), "/metrics/x");
      assertStatus(404, "404 page not found", exporter.telemetryPort(), "/nope");
    }
  }

  @Test
  void malformedQueryIsABadRequest() throws Exception {
    try (Exporter exporter = startAgainstMock()) {
      assertEquals(
          "HTTP/1.1 400 Bad Request",
          Endpoints.rawStatusLine(exporter.metricsPort(), "/metrics?resources=%zz"));
      assertStatus(200, "OK", exporter.metricsPort(), "/healthz");
    }
  }

  private Exporter startAgainstMock() throws Exception {
    return Exporter.start(
        TestExporters.config(client.getConfiguration(), "--resources=namespaces"),
        TestExporters.strictEventLoop());
  }

  private static void assertStatus(int status, String body, int port, String path) {
    HttpResponse<String> r = Endpoints.get(port, path);
    assertEquals(status, r.statusCode(), path);
    assertEquals(body, r.body(), path);
  }
}
