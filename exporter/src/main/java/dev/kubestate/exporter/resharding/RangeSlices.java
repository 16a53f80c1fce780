package dev.kubestate.exporter.resharding;

import dev.kubestate.exporter.apirequests.SelectingClients;
import dev.kubestate.exporter.informers.InformerSlice;
import dev.kubestate.exporter.informers.InformerSources;
import dev.kubestate.sharding.ConsistentRangeMap;
import dev.kubestate.sharding.HashRangeSet;
import dev.kubestate.sharding.Shard;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-side selection: slices of the consistent-range hash space ({@link RangeSlice}). The first
 * asks the API server for the shard's ranges; a re-shard starts a slice for the <em>gained</em>
 * ranges only (none when the shard only loses), and at settle every slice narrows what it keeps to
 * the new ranges (a slice left with nothing closes), so objects a shard keeps are never listed
 * again. Running slices keep disjoint ranges, so only a merging slice (see {@link MergePolicy})
 * overlaps others. Guarded by the coordinator.
 */
final class RangeSlices implements SliceStrategy {

  private static final Logger LOG = LoggerFactory.getLogger(RangeSlices.class);

  private InformerSources sources;
  private final ConsistentRangeMap map;
  private final SelectingClients selecting;

  /** Running slices, oldest first. */
  private final List<RangeSlice> running = new ArrayList<>();

  /** The slice replacing narrowed ones, while it lists; null otherwise. */
  private RangeSlice merging;

  RangeSlices(InformerSources sources, ConsistentRangeMap map, SelectingClients selecting) {
    this.sources = sources;
    this.map = map;
    this.selecting = selecting;
  }

  private HashRangeSet owned(Shard shard) {
    return HashRangeSet.of(map.ranges(shard));
  }

  private RangeSlice build(HashRangeSet ranges) {
    RangeSlice slice = new RangeSlice(sources, selecting, ranges);
    running.add(slice);
    return slice;
  }

  @Override
  public InformerSlice first(Shard shard) {
    return build(owned(shard)).informers();
  }

  /** Starts nothing for ranges a running slice keeps; every running slice feeds until settle. */
  @Override
  public List<InformerSlice> assign(Shard next, List<InformerSlice> pending) {
    HashRangeSet covered = HashRangeSet.EMPTY;
    for (RangeSlice s : running) {
      covered = covered.union(s.kept());
    }
    HashRangeSet gained = owned(next).minus(covered);
    List<InformerSlice> waiting = new ArrayList<>(pending);
    waiting.removeIf(InformerSlice::isSynced);
    if (gained.isEmpty()) {
      LOG.info("no hash ranges gained: nothing to list");
      return waiting;
    }
    LOG.info(
        "listing only the gained hash ranges, {}% of the space: {}",
        String.format(Locale.ROOT, "%.3f", 100 * gained.fraction()), gained);
    waiting.add(build(gained).informers());
    return waiting;
  }

  /** Narrows every slice to what {@code to} owns; slices left with nothing to keep are closed. */
  @Override
  public void settle(Shard to) {
    HashRangeSet owned = owned(to);
    for (RangeSlice s : List.copyOf(running)) {
      s.narrow(owned);
      if (s.kept().isEmpty()) {
        s.informers().close();
        running.remove(s);
        if (s == merging) {
          merging = null;
        }
      }
    }
  }

  @Override
  public InformerSlice compaction(Shard shard) {
    if (merging != null) {
      return null;
    }
    HashRangeSet owned = owned(shard);
    double ratio = MergePolicy.requestedRatio(running, owned);
    if (!MergePolicy.shouldMerge(running.size(), ratio)) {
      return null;
    }
    LOG.info(
        "{} informer sets ask the API server for {} times the owned hash space; listing the"
            + " owned ranges once to replace them",
        running.size(),
        String.format(Locale.ROOT, "%.2f", ratio));
    merging = build(owned);
    return merging.informers();
  }

  /** Closes every slice the merged one covers. */
  @Override
  public boolean compacted(InformerSlice replacement) {
    if (merging == null || merging.informers() != replacement) {
      return false;
    }
    RangeSlice merged = merging;
    merging = null;
    int replaced = 0;
    for (RangeSlice s : List.copyOf(running)) {
      if (s != merged && merged.kept().containsAll(s.kept())) {
        s.informers().close();
        running.remove(s);
        replaced++;
      }
    }
    LOG.info("one informer set now replaces {} narrowed ones", replaced);
    return true;
  }

  @Override
  public boolean overlapping() {
    return merging != null;
  }

  @Override
  public boolean selectsOnServer() {
    return true;
  }

  @Override
  public int running() {
    return running.size();
  }

  @Override
  public List<InformerSlice> slices() {
    List<InformerSlice> out = new ArrayList<>();
    running.forEach(s -> out.add(s.informers()));
    return out;
  }

  @Override
  public void sources(InformerSources next) {
    sources = next;
  }

  @Override
  public void close() {
    for (RangeSlice s : running) {
      s.informers().close();
    }
  }
}
