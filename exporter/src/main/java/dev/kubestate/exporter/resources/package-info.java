/**
 * One file per Kubernetes kind, each declaring its families as a table in KSM's order, plus the
 * shared vocabulary those tables use ({@link dev.kubestate.exporter.resources.Conditions},
 * {@link dev.kubestate.exporter.resources.Quantities},
 * {@link dev.kubestate.exporter.resources.Timestamps}). {@link
 * dev.kubestate.exporter.resources.Kinds} is the registry of every kind by resource name.
 */
package dev.kubestate.exporter.resources;
