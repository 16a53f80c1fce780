/**
 * One file per Kubernetes kind, each declaring its families as a table in KSM's order, plus the
 * shared vocabulary those tables use ({@link dev.kubestate.exporter.resources.Conditions},
 * {@link dev.kubestate.exporter.resources.Quantities},
 * {@link dev.kubestate.exporter.resources.Timestamps}). {@link
 * dev.kubestate.exporter.resources.Kinds} is the registry of every kind by resource name.
 * Generators are pure functions of one object: this package depends on {@code metrics} and the
 * fabric8 model only, never on the client, stores, informers, Vert.x or Micrometer.
 */
package dev.kubestate.exporter.resources;
