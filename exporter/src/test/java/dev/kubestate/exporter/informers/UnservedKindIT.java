package dev.kubestate.exporter.informers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.apiserver.ApiServerFeatures;
import dev.kubestate.apiserver.SelectingDispatcher;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.process.ExporterConfig;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.HashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A kind the API server does not serve (an older cluster, an API switched off) answers 404 to its
 * LIST and WATCH, as KSM sees it ("could not find the requested resource",
 * reference/ksm-behaviour.md section 10): the exporter still syncs and becomes ready, exports the
 * other kinds, and counts the 404s per resource on the telemetry port.
 */
class UnservedKindIT {

  private static final String NOT_SERVED = "kube_state_exporter_resource_not_served_total";

  private static KubernetesMockServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void startServer() throws Exception {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new WithoutStatefulSets(new SelectingDispatcher(ApiServerFeatures.withShardSelector())),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    client = server.createClient();
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("team-a").endMetadata().build())
        .create();
  }

  @AfterAll
  static void stopServer() {
    CrudApiServer.stop(client, server);
  }

  @Test
  void syncsAndExportsTheOtherKindsAndCountsTheNotServedKind() throws Exception {
    ExporterConfig config =
        TestExporters.config(client.getConfiguration(), "--resources=namespaces,statefulsets");
    try (Exporter exporter = Exporter.start(config, TestExporters.strictEventLoop())) {
      Await.until("sync without statefulsets", exporter::isSynced, s -> s);
      assertEquals(200, Endpoints.get(exporter.metricsPort(), "/readyz").statusCode());
      String metrics = Endpoints.metrics(exporter, "");
      assertTrue(metrics.contains("kube_namespace_created{namespace=\"team-a\"}"), metrics);
      String telemetry =
          Await.until(
              "a counted 404",
              () -> Endpoints.get(exporter.telemetryPort(), "/metrics").body(),
              body -> body.contains(NOT_SERVED + "{resource=\"statefulsets\"}"));
      assertTrue(
          telemetry.contains(NOT_SERVED + "{resource=\"namespaces\"} 0.0"),
          telemetry);
    }
  }

  /** Answers 404 Not Found, as a server without apps/v1 StatefulSets does, to their requests. */
  private static final class WithoutStatefulSets extends Dispatcher {

    private final Dispatcher crud;

    WithoutStatefulSets(Dispatcher crud) {
      this.crud = crud;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
      String path = request.getPath();
      if (path.startsWith("/apis/apps/v1/") && path.contains("statefulsets")) {
        return new MockResponse()
            .setResponseCode(404)
            .setBody(
                "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                    + "\"message\":\"the server could not find the requested resource\","
                    + "\"reason\":\"NotFound\",\"code\":404}");
      }
      return crud.dispatch(request);
    }

    @Override
    public void shutdown() {
      crud.shutdown();
    }
  }
}
