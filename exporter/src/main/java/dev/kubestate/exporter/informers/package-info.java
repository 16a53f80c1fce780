/**
 * fabric8 informers that feed the metrics stores: one informer per enabled kind (and per watched
 * namespace), each with an item store that keeps only a metadata stub of the objects this shard
 * owns. Objects of other shards are dropped before anything is rendered or kept. Informer
 * callbacks render on fabric8's threads; a failing callback is counted and logged, never
 * propagated. Depends on {@code store}, {@code metrics}, {@code resources} and fabric8; never on
 * Vert.x or Micrometer.
 */
package dev.kubestate.exporter.informers;
