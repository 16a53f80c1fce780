package dev.kubestate.exporter.resharding;

import dev.kubestate.sharding.Shard;

/** Receives the shard changes of an exporter (telemetry). Implementations must not throw. */
public interface ShardEvents {

  /** The exporter now works towards {@code shard}; called once per change, also at start. */
  void assigned(Shard shard);

  /**
   * A handoff finished.
   *
   * @param movedIn objects now held that the previous assignment did not own
   * @param movedOut objects dropped because the new assignment does not own them
   */
  void settled(long movedIn, long movedOut);
}
