/**
 * Automatic shard discovery (KSM's {@code --pod}, {@code --pod-namespace}): a pod's place in its
 * StatefulSet ({@link dev.kubestate.exporter.fleet.StatefulSetPod}) and a watch of that StatefulSet
 * that reports each observation, the shard and whether the fleet is ready, to a {@link
 * dev.kubestate.exporter.fleet.FleetListener}. It knows nothing of informers or handoffs: it
 * depends on the {@code sharding} module and fabric8's client only.
 */
package dev.kubestate.exporter.fleet;
