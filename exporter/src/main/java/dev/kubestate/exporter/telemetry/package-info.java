/**
 * Self-telemetry on its own port: Micrometer's Prometheus registry with JVM and Vert.x HTTP
 * server metrics and the Prometheus Java client's standard {@code process_*} metrics, KSM's
 * {@code kube_state_metrics_*} series under KSM's names, labels and HELP strings, and this
 * exporter's own series under {@code kube_state_exporter_}. It implements the listener interfaces
 * the lower packages declare (requests, render failures, shard events, request durations; a failed
 * API request also becomes one concise log line) and reads the counters informers, stores and the
 * handoff expose; only {@code process} depends on it.
 */
package dev.kubestate.exporter.telemetry;
