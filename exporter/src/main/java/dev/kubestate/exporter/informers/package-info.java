/**
 * Per-kind list/watch into the metrics stores: one fabric8 informer per enabled kind (and per
 * watched namespace), each with an item store that keeps only a metadata stub of the objects its
 * slice keeps, grouped into {@link dev.kubestate.exporter.informers.InformerSlice slices} of the
 * UID space. Objects of metadata-only kinds, received as {@code PartialObjectMetadata}, are made
 * objects of the kind's class before rendering. Objects a slice does not keep are dropped before
 * anything is rendered or kept, and node-scoped kinds (pods) are checked against the {@link
 * dev.kubestate.exporter.informers.NodeScope}; callbacks render on fabric8's threads and a failure
 * is counted and logged, never propagated. Which slices run is decided above ({@code resharding});
 * this package depends on {@code store}, {@code metrics}, {@code resources} and fabric8 only,
 * never on Vert.x or Micrometer.
 */
package dev.kubestate.exporter.informers;
