/**
 * Prometheus text 0.0.4 and OpenMetrics 1.0 writing: number formatting, label value escaping,
 * HELP/TYPE headers and content negotiation. Knows bytes, not Kubernetes.
 */
package dev.kubestate.exporter.exposition;
