package dev.kubestate.exporter.fleet;

import dev.kubestate.sharding.Shard;

/**
 * Told every observation of the StatefulSet an exporter's pod belongs to, so the owner of the
 * assignment (the re-sharding coordinator) learns of changes without the watch knowing it.
 * Implementations must be thread-safe, must not block on the API and must not throw.
 */
@FunctionalInterface
public interface FleetListener {

  /**
   * The StatefulSet was observed (also unchanged), with the pod's ordinal below its replicas.
   *
   * @param shard the pod's ordinal of the StatefulSet's {@code spec.replicas}
   * @param ready whether every replica of {@code shard.total()} is ready, so objects this pod loses
   *     are served by their new owners
   */
  void observed(Shard shard, boolean ready);
}
