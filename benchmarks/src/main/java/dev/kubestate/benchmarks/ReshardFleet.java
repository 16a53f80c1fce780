package dev.kubestate.benchmarks;

import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The pods of a fleet resized from {@code from} to {@code to} shards under one shard map, and which
 * shard holds, loses and gains which pod. The pods are {@link TypicalPods} with seeded random
 * version-4 UIDs (as the API server assigns them), so that ownership spreads as over real UIDs; the
 * same seed gives the same UIDs. Immutable after construction; the pods must not be changed.
 */
final class ReshardFleet {

  private static final long UID_SEED = 0x7e5b_a4dL;

  private final ShardMap map;
  private final int from;
  private final int to;
  private final List<Pod> pods;

  private ReshardFleet(ShardMap map, int from, int to, List<Pod> pods) {
    this.map = map;
    this.from = from;
    this.to = to;
    this.pods = pods;
  }

  /**
   * @param mapName one of {@link ShardMap#NAMES}
   * @param resize {@code <from>to<to>}, e.g. {@code 3to4}
   * @param podCount number of pods in the cluster
   * @throws IllegalArgumentException for an unknown map or a malformed resize
   */
  static ReshardFleet generate(String mapName, String resize, int podCount) {
    String[] totals = resize.split("to", -1);
    if (totals.length != 2) {
      throw new IllegalArgumentException("resize must read <from>to<to>, got " + resize);
    }
    SplittableRandom random = new SplittableRandom(UID_SEED);
    List<Pod> pods = new ArrayList<>(podCount);
    for (int i = 0; i < podCount; i++) {
      Pod p = TypicalPods.pod(i);
      p.getMetadata().setUid(randomUid(random));
      pods.add(p);
    }
    return new ReshardFleet(
        ShardMap.named(mapName),
        Integer.parseInt(totals[0]),
        Integer.parseInt(totals[1]),
        List.copyOf(pods));
  }

  private static String randomUid(SplittableRandom random) {
    long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }

  ShardMap map() {
    return map;
  }

  /** Every pod, as a LIST returns them. */
  List<Pod> pods() {
    return pods;
  }

  /** Shard {@code ordinal} before the resize. */
  Shard before(int ordinal) {
    return new Shard(ordinal, from);
  }

  /** Shard {@code ordinal} after the resize. */
  Shard after(int ordinal) {
    return new Shard(ordinal, to);
  }

  /**
   * The shard that gains objects: the new last shard when growing, shard 0 when shrinking (every
   * remaining shard gains a part of the removed shards' objects).
   */
  int gainingOrdinal() {
    return to > from ? to - 1 : 0;
  }

  /** Pods shard {@code ordinal} holds before the resize; none when it did not exist. */
  List<Pod> heldBefore(int ordinal) {
    return select(uid -> holdsBefore(ordinal, uid));
  }

  /** Pods shard {@code ordinal} holds before and does not own after the resize. */
  List<Pod> lost(int ordinal) {
    return select(uid -> holdsBefore(ordinal, uid) && !ownsAfter(ordinal, uid));
  }

  /** Pods shard {@code ordinal} owns after but did not hold before the resize. */
  List<Pod> gained(int ordinal) {
    return select(uid -> !holdsBefore(ordinal, uid) && ownsAfter(ordinal, uid));
  }

  private boolean holdsBefore(int ordinal, String uid) {
    return ordinal < from && map.owns(before(ordinal), uid);
  }

  private boolean ownsAfter(int ordinal, String uid) {
    return ordinal < to && map.owns(after(ordinal), uid);
  }

  private List<Pod> select(Predicate<String> byUid) {
    List<Pod> out = new ArrayList<>();
    for (Pod p : pods) {
      if (byUid.test(p.getMetadata().getUid())) {
        out.add(p);
      }
    }
    return out;
  }

  /** One line per shard of the larger total: held before, lost, gained, held after. */
  String describe() {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "resize %d -> %d, %d pods%n", from, to, pods.size()));
    long moved = 0;
    for (int k = 0; k < Math.max(from, to); k++) {
      int held = heldBefore(k).size();
      int lost = lost(k).size();
      int gained = gained(k).size();
      moved += gained;
      out.append(
          String.format(
              Locale.ROOT,
              "shard %d: held %d, loses %d, gains %d, holds %d%n",
              k,
              held,
              lost,
              gained,
              held - lost + gained));
    }
    out.append(String.format(Locale.ROOT, "moved in total: %d%n", moved));
    return out.toString();
  }
}
