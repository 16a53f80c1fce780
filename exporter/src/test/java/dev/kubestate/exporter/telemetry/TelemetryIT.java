package dev.kubestate.exporter.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The telemetry port's names, labels and HELP strings: KSM's for {@code kube_state_metrics_*}
 * (reference/ksm-behaviour.md section 9), ours under {@code kube_state_exporter_}.
 */
@ExtendWith(CrudApiServer.class)
class TelemetryIT {

  static KubernetesClient client;
  static KubernetesMockServer server;

  @Test
  void servesKsmSelfMetricsWithKsmNamesAndHelp() throws Exception {
    try (Exporter exporter =
        Exporter.start(
            TestExporters.config(
                client.getConfiguration(),
                "--resources=namespaces",
                "--shard=1",
                "--total-shards=3"),
            TestExporters.strictEventLoop())) {
      String body =
          Await.until(
              "a watch and a finished HTTP request counted",
              () -> Endpoints.get(exporter.telemetryPort(), "/metrics").body(),
              // An HTTP request is counted once it completes, so the first scrape cannot see
              // itself: wait for a later one.
              b ->
                  b.contains("kube_state_metrics_watch_total{")
                      && b.contains("vertx_http_server_requests_total{"));
      assertMetricsRequestHistogram(exporter);
      assertContains(
          body,
          "# HELP kube_state_metrics_list_total Number of total resource list calls in"
              + " kube-state-metrics\n",
          "# TYPE kube_state_metrics_list_total counter\n",
          "kube_state_metrics_list_total{resource=\"*v1.Namespace\",result=\"success\"} ",
          "# HELP kube_state_metrics_watch_total Number of total resource watch calls in"
              + " kube-state-metrics\n",
          "# TYPE kube_state_metrics_watch_total counter\n",
          "kube_state_metrics_watch_total{resource=\"*v1.Namespace\",result=\"success\"} ",
          "# HELP kube_state_metrics_shard_ordinal Current sharding ordinal/index of this"
              + " instance\n",
          "kube_state_metrics_shard_ordinal{shard_ordinal=\"1\"} 1",
          "# HELP kube_state_metrics_total_shards Number of total shards this instance is aware"
              + " of\n",
          "kube_state_metrics_total_shards 3",
          "# HELP kube_state_metrics_build_info A metric with a constant '1' value labeled by"
              + " version, revision, branch, goversion from which kube_state_metrics was built,"
              + " and the goos and goarch for the build.\n",
          "kube_state_metrics_build_info{branch=\"\",client_go_version=\"",
          "kube_state_exporter_store_objects{resource=\"namespaces\"} ",
          "kube_state_exporter_store_bytes{resource=\"namespaces\"} ",
          "kube_state_exporter_shard_dropped_total{resource=\"namespaces\"} ",
          "kube_state_exporter_informer_handler_failures_total{resource=\"namespaces\"} ",
          "jvm_memory_used_bytes{",
          "vertx_http_server_requests_total{");
    }
  }

  /**
   * KSM's {@code http_request_duration_seconds} (reference/ksm-behaviour.md section 9): a
   * histogram of main-port {@code /metrics} requests, {@code handler="metrics"}, the method in
   * lower case, Prometheus' default buckets.
   */
  private static void assertMetricsRequestHistogram(Exporter exporter) throws IOException {
    for (int i = 0; i < 3; i++) {
      assertEquals(200, Endpoints.get(exporter.metricsPort(), "/metrics").statusCode());
    }
    assertTrue(
        Endpoints.rawStatusLine(exporter.metricsPort(), "/metrics?resources=%zz").contains(" 400 "),
        "an undecodable query is answered 400, and counted too");
    String body =
        Await.until(
            "four /metrics requests counted",
            () -> Endpoints.get(exporter.telemetryPort(), "/metrics").body(),
            b -> b.contains(
                "http_request_duration_seconds_count{handler=\"metrics\",method=\"get\"} 4"));
    assertContains(
        body,
        "# HELP http_request_duration_seconds A histogram of requests for kube-state-metrics"
            + " metrics handler.\n",
        "# TYPE http_request_duration_seconds histogram\n");
    for (String le :
        new String[] {
          "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0", "2.5", "5.0", "10.0",
          "+Inf"
        }) {
      assertContains(
          body,
          "http_request_duration_seconds_bucket{handler=\"metrics\",method=\"get\",le=\""
              + le
              + "\"} ");
    }
    assertContains(
        body,
        "http_request_duration_seconds_bucket{handler=\"metrics\",method=\"get\",le=\"+Inf\"}"
            + " 4\n");
  }

  private static void assertContains(String body, String... parts) {
    for (String p : parts) {
      assertTrue(body.contains(p), "missing: " + p + "\nin:\n" + body);
    }
  }
}
