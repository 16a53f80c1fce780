/**
 * Self-telemetry on its own port: Micrometer's Prometheus registry with JVM and Vert.x HTTP
 * server metrics, KSM's {@code kube_state_metrics_*} series under KSM's names, labels and HELP
 * strings, and this exporter's own series under {@code kube_state_exporter_}. Reads counters that
 * informers and stores expose; nothing outside {@code cli} depends on this package.
 */
package dev.kubestate.exporter.telemetry;
