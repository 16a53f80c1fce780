package dev.kubestate.exporter.resharding;

import dev.kubestate.exporter.informers.InformerSlice;
import dev.kubestate.exporter.informers.InformerSources;
import dev.kubestate.sharding.Shard;
import java.util.List;

/**
 * How the {@link HandoffCoordinator} cuts the UID space into informer slices as the assignment
 * changes: {@link WholeShardSlices} (one slice per assignment, selected on the client) or {@link
 * RangeSlices} (slices of hash ranges the API server is asked for). Called only under the
 * coordinator's lock. A strategy builds slices but never starts them: the coordinator starts them
 * and alone reacts to their syncing.
 */
interface SliceStrategy {

  /** Builds the slice serving the first assignment; it counts as running from now on. */
  InformerSlice first(Shard shard);

  /**
   * Makes the running slices cover {@code next}, building the ones they lack.
   *
   * @param pending the slices the replaced assignment still waits for
   * @return the slices {@code next} waits for, running or newly built (unstarted); empty when the
   *     running slices already serve it
   */
  List<InformerSlice> assign(Shard next, List<InformerSlice> pending);

  /**
   * The handoff to {@code to} is over: stops or narrows the slices it no longer needs. Removing the
   * objects {@code to} does not own from the stores is the coordinator's job.
   */
  void settle(Shard to);

  /**
   * Once settled at {@code shard}: a new (unstarted) slice to replace running ones that cost the
   * API server too much, or null when none is needed or one is already listing.
   */
  InformerSlice compaction(Shard shard);

  /**
   * The slice {@link #compaction} built has synced: closes the slices it replaces.
   *
   * @return false when {@code replacement} is no longer the awaited one (nothing changed)
   */
  boolean compacted(InformerSlice replacement);

  /** Whether two running slices may deliver the same object, so stores must remember deletes. */
  boolean overlapping();

  /** Whether LIST and WATCH requests carry a shard selector. */
  boolean selectsOnServer();

  /** Running slices. */
  int running();

  /** The running slices, oldest first; a new list. */
  List<InformerSlice> slices();

  /** Slices built from now on use {@code next} (running ones are changed by the coordinator). */
  void sources(InformerSources next);

  /** Stops every running slice. */
  void close();
}
