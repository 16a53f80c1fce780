package dev.kubestate.demo.run;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints each demo shard's share of the exported objects whenever the fleet has settled at a new
 * size: at start, and after every change of the StatefulSet's {@code spec.replicas}. Settled
 * means that exactly the ordinals {@code 0..N-1} run (leaving replicas have stopped), every one
 * serves its assignment of N shards, synced and out of handoff, and the shards' object counts
 * were the same at two checks in a row (an informer reports synced while the last objects of its
 * LIST may still be on their way to the store); under churn that may never be, so counts
 * unchanged or not, the report is printed at the latest {@link #MAX_WAIT_NANOS} after the rest
 * held. Counts come from what the exporters hold, so they include the demo's own namespace and
 * pods when those kinds are exported; with churn they are a snapshot. Confined to the caller of
 * {@link #check}.
 */
final class ShareReport {

  private static final long MAX_WAIT_NANOS = 2_000_000_000L;

  private final StatefulSetController<DemoShard> fleet;
  private final String shardMap;
  private final PrintWriter out;

  /** The last size seen in {@code spec.replicas}, and since when (ns); -1: none yet. */
  private int target = -1;

  private long targetSinceNanos;

  /** The size last reported, and when it was (ns); -1: none yet. */
  private int reported = -1;

  private long reportedAtNanos;

  /** Objects per shard at the previous check, and since when the fleet is otherwise settled. */
  private List<Integer> lastCounts = List.of();

  private long settledSinceNanos = -1;

  /** Owner ordinal of every object at the last report. */
  private Map<String, Integer> lastOwners = Map.of();

  ShareReport(StatefulSetController<DemoShard> fleet, String shardMap, PrintWriter out) {
    this.fleet = fleet;
    this.shardMap = shardMap;
    this.out = out;
  }

  /** Reports the shares if the fleet has just settled at a size not yet reported. */
  void check() {
    int desired = fleet.desired();
    long now = System.nanoTime();
    if (desired != target) {
      target = desired;
      targetSinceNanos = now;
    }
    if (target == reported) {
      return;
    }
    Map<Integer, DemoShard> shards = fleet.replicas();
    List<Integer> counts = settledCounts(shards);
    if (counts == null) {
      settledSinceNanos = -1;
      lastCounts = List.of();
      return;
    }
    if (settledSinceNanos < 0) {
      settledSinceNanos = now;
    }
    boolean steady = counts.equals(lastCounts);
    lastCounts = counts;
    if (!steady && now - settledSinceNanos < MAX_WAIT_NANOS) {
      return;
    }
    settledSinceNanos = -1;
    lastCounts = List.of();
    long millis = (now - targetSinceNanos) / 1_000_000;
    if (reported < 0) {
      out.printf(Locale.ROOT, "demo: all %d shard(s) synced after %d ms%n", target, millis);
    }
    print(shards, millis);
    reported = target;
    reportedAtNanos = now;
  }

  /** Objects held per shard when {@code shards} are {@link #target}'s settled fleet, else null. */
  private List<Integer> settledCounts(Map<Integer, DemoShard> shards) {
    if (shards.size() != target) {
      return null;
    }
    List<Integer> counts = new ArrayList<>();
    for (int k = 0; k < target; k++) {
      DemoShard s = shards.get(k);
      if (s == null || !s.settledAt(target)) {
        return null;
      }
      counts.add(s.exporter().heldUids().size());
    }
    return counts;
  }

  /**
   * How long the fleet has been settled at its current size, in ns, as of the last {@link
   * #check}; -1 while it is not (or a change has not been reported yet).
   */
  long settledForNanos() {
    return reported >= 0 && reported == target ? System.nanoTime() - reportedAtNanos : -1;
  }

  private void print(Map<Integer, DemoShard> shards, long millis) {
    Map<String, Integer> owners = new HashMap<>();
    int[] counts = new int[target];
    for (int k = 0; k < target; k++) {
      Set<String> held = shards.get(k).exporter().heldUids();
      counts[k] = held.size();
      for (String uid : held) {
        owners.put(uid, k);
      }
    }
    long total = 0;
    for (int c : counts) {
      total += c;
    }
    out.printf(Locale.ROOT, "demo: shares of %d shard(s), shard map %s:%n", target, shardMap);
    for (int k = 0; k < target; k++) {
      out.printf(
          Locale.ROOT,
          "demo:   shard %d/%d serves %d objects (%.1f%%)%n",
          k,
          target,
          counts[k],
          total == 0 ? 0.0 : 100.0 * counts[k] / total);
    }
    if (reported < 0) {
      out.printf(Locale.ROOT, "demo: %d shard(s) serve %d objects%n", target, total);
    } else {
      int moved = 0;
      for (Map.Entry<String, Integer> e : owners.entrySet()) {
        Integer before = lastOwners.get(e.getKey());
        if (before != null && !before.equals(e.getValue())) {
          moved++;
        }
      }
      out.printf(
          Locale.ROOT,
          "demo: %d shard(s) serve %d objects; %d moved shard; settled %d ms after"
              + " spec.replicas became %d%n",
          target,
          total,
          moved,
          millis,
          target);
    }
    out.flush();
    lastOwners = owners;
  }
}
