package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
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

  private static void assertContains(String body, String... parts) {
    for (String p : parts) {
      assertTrue(body.contains(p), "missing: " + p + "\nin:\n" + body);
    }
  }
}
