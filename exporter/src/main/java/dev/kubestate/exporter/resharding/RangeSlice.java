package dev.kubestate.exporter.resharding;

import dev.kubestate.exporter.apirequests.SelectingClients;
import dev.kubestate.exporter.informers.InformerSlice;
import dev.kubestate.exporter.informers.InformerSources;
import dev.kubestate.sharding.HashRangeSet;
import dev.kubestate.sharding.ShardSelector;

/**
 * An informer slice of hash ranges of the consistent-range map: the API server is asked for {@link
 * #requested} (through a client of the slice's own that sends them as {@code shardSelector}, none
 * when they are the whole space), and the objects in {@link #kept} are kept, which a re-shard may
 * {@link #narrow}. What was asked of the server stays as it was until the slice is closed.
 * Thread-safe.
 */
final class RangeSlice {

  private final HashRangeSet requested;
  private final InformerSlice informers;
  private volatile HashRangeSet kept;

  /**
   * Builds (does not start) the slice of {@code ranges}.
   *
   * @param ranges a non-empty set of FNV-1a hash ranges
   */
  RangeSlice(InformerSources sources, SelectingClients selecting, HashRangeSet ranges) {
    this.requested = ranges;
    this.kept = ranges;
    this.informers =
        new InformerSlice(
            sources,
            ranges.isWhole() ? null : selecting.open(ShardSelector.format(ranges.ranges())),
            this::keeps);
  }

  private boolean keeps(String uid) {
    return kept.containsUid(uid);
  }

  /** The ranges asked of the API server. */
  HashRangeSet requested() {
    return requested;
  }

  /** The ranges kept. */
  HashRangeSet kept() {
    return kept;
  }

  InformerSlice informers() {
    return informers;
  }

  /**
   * Keeps only the part of the kept ranges inside {@code owned} from now on; objects outside it
   * that are in the stores must be removed by the caller.
   */
  void narrow(HashRangeSet owned) {
    kept = kept.intersect(owned);
  }
}
