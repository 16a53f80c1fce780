package dev.kubestate.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Range-set algebra checked against membership of the operands at random and boundary hashes, and
 * against exact widths; and the re-shard arithmetic it exists for, over consistent-range layouts.
 */
class HashRangeSetTest {

  private static final BigInteger SPACE = BigInteger.ONE.shiftLeft(64);

  @Test
  void mergesOverlappingAndTouchingRanges() {
    HashRangeSet s =
        HashRangeSet.of(
            List.of(new HashRange(20, 30), new HashRange(0, 10), new HashRange(10, 15),
                new HashRange(25, 40)));
    assertEquals(List.of(new HashRange(0, 15), new HashRange(20, 40)), s.ranges());
    assertEquals(BigInteger.valueOf(35), s.width());
  }

  @Test
  void complementOfEmptyIsWholeAndBack() {
    assertTrue(HashRangeSet.EMPTY.complement().isWhole());
    assertTrue(HashRangeSet.WHOLE.complement().isEmpty());
    assertEquals(SPACE, HashRangeSet.WHOLE.width());
  }

  @Test
  void rangeReachingEndOfSpaceContainsTheLargestHash() {
    HashRangeSet top = HashRangeSet.of(List.of(new HashRange(0xF000000000000000L, 0)));
    assertTrue(top.contains(-1L));
    assertTrue(top.contains(0xF000000000000000L));
    assertFalse(top.contains(0xEFFFFFFFFFFFFFFFL));
    assertFalse(top.contains(0));
    assertEquals(List.of(new HashRange(0, 0xF000000000000000L)), top.complement().ranges());
  }

  @Test
  void setOperationsAgreeWithMembershipOfTheOperands() {
    SplittableRandom random = new SplittableRandom(42);
    for (int round = 0; round < 500; round++) {
      HashRangeSet a = randomSet(random);
      HashRangeSet b = randomSet(random);
      HashRangeSet union = a.union(b);
      HashRangeSet both = a.intersect(b);
      HashRangeSet onlyA = a.minus(b);
      HashRangeSet notA = a.complement();
      for (long h : probes(random, a, b)) {
        boolean inA = a.contains(h);
        boolean inB = b.contains(h);
        assertEquals(inA || inB, union.contains(h), () -> a + " or " + b);
        assertEquals(inA && inB, both.contains(h), () -> a + " and " + b);
        assertEquals(inA && !inB, onlyA.contains(h), () -> a + " minus " + b);
        assertEquals(!inA, notA.contains(h), () -> "not " + a);
      }
      assertEquals(a.width().add(b.width()), union.width().add(both.width()));
      assertEquals(SPACE, a.width().add(notA.width()));
      assertEquals(a, onlyA.union(both));
      assertTrue(union.containsAll(a));
      assertEquals(b.containsAll(a), onlyA.isEmpty());
    }
  }

  @Test
  void growingMakesOldShardsGainNothingAndTheNewShardGainItsWholeShare() {
    ConsistentRangeMap map = ShardMap.consistentRanges();
    for (int n = 1; n < 40; n++) {
      for (int k = 0; k < n; k++) {
        HashRangeSet before = HashRangeSet.of(map.ranges(new Shard(k, n)));
        HashRangeSet after = HashRangeSet.of(map.ranges(new Shard(k, n + 1)));
        assertTrue(after.minus(before).isEmpty(), "shard " + k + " growing to " + (n + 1));
        assertTrue(before.containsAll(after));
      }
      HashRangeSet newcomer = HashRangeSet.of(map.ranges(new Shard(n, n + 1)));
      HashRangeSet all = HashRangeSet.EMPTY;
      for (int k = 0; k <= n; k++) {
        all = all.union(HashRangeSet.of(map.ranges(new Shard(k, n + 1))));
      }
      assertTrue(all.isWhole(), "shards of " + (n + 1) + " cover the space");
      assertEquals(SPACE.divide(BigInteger.valueOf(n + 1)).doubleValue(),
          newcomer.width().doubleValue(), 2.0);
    }
  }

  @Test
  void containsUidHashesWithFnv1a() {
    String uid = "3f8e8ec5-6c1c-4e55-9c6f-0b3a0a2fd1b2";
    long h = Fnv1a64.hashUtf8(uid);
    HashRangeSet one = HashRangeSet.of(List.of(new HashRange(h, h + 1)));
    assertTrue(one.containsUid(uid));
    assertFalse(one.containsUid(uid + "x"));
  }

  private static HashRangeSet randomSet(SplittableRandom random) {
    int n = random.nextInt(5);
    List<HashRange> ranges = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long x = random.nextLong();
      long y = random.nextLong();
      if (x == y) {
        continue;
      }
      long lo = Long.compareUnsigned(x, y) < 0 ? x : y;
      long hi = Long.compareUnsigned(x, y) < 0 ? y : x;
      ranges.add(random.nextInt(4) == 0 ? new HashRange(lo, 0) : new HashRange(lo, hi));
    }
    return HashRangeSet.of(ranges);
  }

  /** Random hashes plus every bound of both sets and its neighbours. */
  private static List<Long> probes(SplittableRandom random, HashRangeSet a, HashRangeSet b) {
    List<Long> out = new ArrayList<>(List.of(0L, -1L));
    for (int i = 0; i < 50; i++) {
      out.add(random.nextLong());
    }
    for (HashRangeSet s : List.of(a, b)) {
      for (HashRange r : s.ranges()) {
        for (long bound : new long[] {r.startInclusive(), r.endExclusive()}) {
          out.add(bound - 1);
          out.add(bound);
          out.add(bound + 1);
        }
      }
    }
    return out;
  }
}
