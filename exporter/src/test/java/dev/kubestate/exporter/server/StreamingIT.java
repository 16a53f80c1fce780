package dev.kubestate.exporter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bodies larger than several chunks: a slow reader still gets the complete body while other
 * scrapes are served, and the {@code resources}/{@code exclude_resources} parameters select
 * writers as KSM does (reference/ksm-behaviour.md section 2).
 */
@ExtendWith(CrudApiServer.class)
class StreamingIT {

  static KubernetesClient client;
  static KubernetesMockServer server;

  private static final int NAMESPACES = 120;
  private static final int LABELS = 40;

  private static Exporter exporter;

  @BeforeAll
  static void start() throws Exception {
    for (int i = 0; i < NAMESPACES; i++) {
      Map<String, String> labels = new LinkedHashMap<>();
      for (int l = 0; l < LABELS; l++) {
        labels.put("label-" + l, "value-" + i + "-" + "x".repeat(200));
      }
      client
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName("big-" + i)
                  .withLabels(labels)
                  .endMetadata()
                  .withNewStatus()
                  .withPhase("Active")
                  .endStatus()
                  .build())
          .create();
    }
    exporter =
        Exporter.start(
            TestExporters.config(
                client.getConfiguration(),
                "--resources=namespaces,pods",
                "--metric-labels-allowlist=namespaces=[*]"),
            TestExporters.strictEventLoop());
    Await.until(
        "all namespaces",
        () -> Endpoints.metrics(exporter, ""),
        b -> b.split("kube_namespace_labels\\{", -1).length - 1 == NAMESPACES);
  }

  @AfterAll
  static void stop() {
    exporter.close();
  }

  @Test
  void slowReaderGetsTheCompleteBody() throws IOException {
    String expected = Endpoints.metrics(exporter, "");
    assertTrue(expected.length() > 4 * 256 * 1024, "body of " + expected.length() + " bytes");
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new InetSocketAddress("127.0.0.1", exporter.metricsPort()));
      OutputStream out = socket.getOutputStream();
      out.write(
          "GET /metrics HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] small = new byte[1024];
      int reads = 0;
      for (int n; (n = in.read(small)) >= 0; reads++) {
        raw.write(small, 0, n);
        if (reads % 256 == 0) {
          // While this reader lags, other scrapes are still served in full.
          assertEquals(expected, Endpoints.metrics(exporter, ""));
        }
      }
    }
    assertEquals(expected, HttpChunks.body(raw.toByteArray()));
  }

  @Test
  void resourcesParameterSelectsWriters() {
    String all = Endpoints.metrics(exporter, "");
    assertEquals(all, Endpoints.metrics(exporter, "?resources=namespaces"));
    assertEquals(all, Endpoints.metrics(exporter, "?resources=%20namespaces%20,unknown"));
    assertEquals(all, Endpoints.metrics(exporter, "?resources=pods&resources=namespaces"));
    assertEquals("", Endpoints.metrics(exporter, "?resources=pods"));
    assertEquals("", Endpoints.metrics(exporter, "?resources="));
    assertEquals("", Endpoints.metrics(exporter, "?resources=,"));
  }

  @Test
  void excludeResourcesParameterDropsWriters() {
    String all = Endpoints.metrics(exporter, "");
    assertEquals("", Endpoints.metrics(exporter, "?exclude_resources=namespaces"));
    assertEquals("", Endpoints.metrics(exporter, "?exclude_resources=pods,namespaces"));
    assertEquals(
        "", Endpoints.metrics(exporter, "?resources=namespaces&exclude_resources=namespaces"));
    assertEquals(all, Endpoints.metrics(exporter, "?exclude_resources=pods"));
    assertEquals(all, Endpoints.metrics(exporter, "?exclude_resources="));
  }
}
