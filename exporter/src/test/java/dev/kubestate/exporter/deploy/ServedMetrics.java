package dev.kubestate.exporter.deploy;

import java.util.Set;

/**
 * The metric names the exporter's telemetry port serves, written down from their declarations in
 * exporter/src/main/java/dev/kubestate/exporter/telemetry/SelfMetrics.java (Micrometer's dotted
 * names: dots become underscores, counters get {@code _total}, the Timer {@code
 * http.request.duration} becomes the seconds histogram) and the README's telemetry section, not
 * from a scrape. Rules and dashboards may read only these.
 */
final class ServedMetrics {

  static final Set<String> TELEMETRY =
      Set.of(
          // KSM's self-metrics, KSM's names.
          "kube_state_metrics_build_info",
          "kube_state_metrics_total_shards",
          "kube_state_metrics_shard_ordinal",
          "kube_state_metrics_list_total",
          "kube_state_metrics_watch_total",
          // KSM's histogram of main-port /metrics requests (Timer http.request.duration).
          "http_request_duration_seconds_bucket",
          "http_request_duration_seconds_count",
          "http_request_duration_seconds_sum",
          "http_request_duration_seconds_max",
          // Ours: gauges.
          "kube_state_exporter_shard_handoff",
          "kube_state_exporter_shard_hash_fraction",
          "kube_state_exporter_shard_server_side",
          "kube_state_exporter_informer_sets",
          "kube_state_exporter_store_objects",
          "kube_state_exporter_store_bytes",
          // Ours: counters.
          "kube_state_exporter_shard_moved_in_total",
          "kube_state_exporter_shard_moved_out_total",
          "kube_state_exporter_objects_received_total",
          "kube_state_exporter_objects_kept_total",
          "kube_state_exporter_shard_dropped_total",
          "kube_state_exporter_node_dropped_total",
          "kube_state_exporter_informer_handler_failures_total",
          "kube_state_exporter_resource_not_served_total",
          "kube_state_exporter_shard_selector_lists_total",
          "kube_state_exporter_render_failures_total",
          "kube_state_exporter_http_handler_failures_total",
          // JVM memory, from the JVM metrics Vert.x's Micrometer integration registers.
          "jvm_memory_used_bytes");

  private ServedMetrics() {}
}
