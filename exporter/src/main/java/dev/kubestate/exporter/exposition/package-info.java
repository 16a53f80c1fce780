/**
 * Prometheus text 0.0.4 and OpenMetrics 1.0 writing: number formatting, label value escaping,
 * HELP/TYPE headers, content negotiation and the growable byte buffer everything renders into.
 * Knows bytes, not Kubernetes: it depends on no other package of the exporter, and on neither
 * fabric8, Vert.x nor Micrometer.
 */
package dev.kubestate.exporter.exposition;
