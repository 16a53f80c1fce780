/**
 * The re-shard handoff: {@link dev.kubestate.exporter.resharding.HandoffCoordinator} runs the
 * informer slices of the current shard assignment and, while it changes, of earlier ones, so that
 * objects are gained before any is dropped. How the UID space is cut into slices is a {@link
 * dev.kubestate.exporter.resharding.SliceStrategy}: one slice per assignment filtered on the
 * client, or hash-range slices the API server selects, merged by a policy when they cost too much.
 * Learns of new assignments through calls from above (the process wires the StatefulSet watch to
 * it) and reports through {@link dev.kubestate.exporter.resharding.ShardEvents}; depends on {@code
 * informers}, {@code store}, {@code apirequests} and the {@code sharding} module, never on {@code
 * fleet}, the servers, Vert.x or Micrometer.
 */
package dev.kubestate.exporter.resharding;
