package dev.kubestate.exporter.resharding;

import dev.kubestate.exporter.informers.InformerSlice;
import dev.kubestate.exporter.informers.InformerSources;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import java.util.ArrayList;
import java.util.List;

/**
 * Client-side selection: one slice per assignment, receiving every object and keeping those the
 * shard map gives the assignment. A re-shard starts the new assignment's slice beside the running
 * ones (or reuses one still running when the assignment returns to it); at settle only the newest
 * stays. While two slices run both may deliver the same object. Guarded by the coordinator.
 */
final class WholeShardSlices implements SliceStrategy {

  /** A running slice and the assignment it serves. */
  private record Slice(Shard shard, InformerSlice informers) {}

  private InformerSources sources;
  private final ShardMap map;

  /** Running slices, oldest first; the last one serves the newest assignment. */
  private final List<Slice> running = new ArrayList<>();

  WholeShardSlices(InformerSources sources, ShardMap map) {
    this.sources = sources;
    this.map = map;
  }

  private Slice build(Shard shard) {
    Slice slice = new Slice(shard, new InformerSlice(sources, uid -> map.owns(shard, uid)));
    running.add(slice);
    return slice;
  }

  @Override
  public InformerSlice first(Shard shard) {
    return build(shard).informers();
  }

  @Override
  public List<InformerSlice> assign(Shard next, List<InformerSlice> pending) {
    Slice found = null;
    for (Slice s : running) {
      if (s.shard().equals(next)) {
        found = s;
      }
    }
    if (found == null) {
      return List.of(build(next).informers());
    }
    running.remove(found);
    running.add(found);
    return found.informers().isSynced() ? List.of() : List.of(found.informers());
  }

  @Override
  public void settle(Shard to) {
    Slice keep = running.get(running.size() - 1);
    for (Slice s : running) {
      if (s != keep) {
        s.informers().close();
      }
    }
    running.clear();
    running.add(keep);
  }

  @Override
  public InformerSlice compaction(Shard shard) {
    return null;
  }

  @Override
  public boolean compacted(InformerSlice replacement) {
    return false;
  }

  @Override
  public boolean overlapping() {
    return running.size() > 1;
  }

  @Override
  public boolean selectsOnServer() {
    return false;
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
    for (Slice s : running) {
      s.informers().close();
    }
  }
}
