package dev.kubestate.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The consistent range map: exact space accounting, range counts and movement, checked with
 * arbitrary-precision arithmetic; agreement of lookups, ranges and selectors; and the shard map
 * contract.
 */
class ConsistentRangeMapTest extends AbstractShardMapTest {

  /** Totals whose layouts are checked range by range. */
  private static final int CHECKED_TOTALS = 64;

  private static final ConsistentRangeMap MAP = ShardMap.consistentRanges();

  @Override
  ShardMap map() {
    return MAP;
  }

  /** Recorded once from this implementation; guards the layout arithmetic against drift. */
  @Override
  long pinnedChecksum() {
    return 9044611268863046654L;
  }

  @Test
  void splitsTwoShardsAtHalfTheSpace() {
    assertEquals(List.of(new HashRange(0, 0x8000000000000000L)), MAP.ranges(new Shard(0, 2)));
    assertEquals(List.of(new HashRange(0x8000000000000000L, 0)), MAP.ranges(new Shard(1, 2)));
    assertEquals(List.of(HashRange.WHOLE), MAP.ranges(Shard.ALL));
  }

  /**
   * Worked by hand from the growth rule: 2^64 = 3 * 0x5555555555555555 + 1, so shard 0 keeps one
   * more hash; shard 0 cedes the top of [0, 2^63) and shard 1 the top of [2^63, 2^64).
   */
  @Test
  void growsToThreeShardsByCedingTheTopOfEachRange() {
    assertEquals(List.of(new HashRange(0, 0x5555555555555556L)), MAP.ranges(new Shard(0, 3)));
    assertEquals(
        List.of(new HashRange(0x8000000000000000L, 0xd555555555555555L)),
        MAP.ranges(new Shard(1, 3)));
    assertEquals(
        List.of(
            new HashRange(0x5555555555555556L, 0x8000000000000000L),
            new HashRange(0xd555555555555555L, 0)),
        MAP.ranges(new Shard(2, 3)));
  }

  @Test
  void coversTheSpaceWithDisjointRanges() {
    for (int total = 1; total <= CHECKED_TOTALS; total++) {
      List<HashRange> all = new ArrayList<>();
      for (int o = 0; o < total; o++) {
        all.addAll(MAP.ranges(new Shard(o, total)));
      }
      all.sort(Comparator.comparing(r -> HashRange.unsigned(r.startInclusive())));
      BigInteger next = BigInteger.ZERO;
      for (HashRange r : all) {
        assertEquals(next, HashRange.unsigned(r.startInclusive()), "gap or overlap, " + total);
        next = r.end();
      }
      assertEquals(HashRange.SPACE, next, "end of space, total " + total);
    }
  }

  @Test
  void givesEveryShardItsShareOfTheSpaceToOneHash() {
    for (int total = 1; total <= CHECKED_TOTALS; total++) {
      BigInteger share = HashRange.SPACE.divide(BigInteger.valueOf(total));
      for (int o = 0; o < total; o++) {
        BigInteger owned = width(MAP.ranges(new Shard(o, total)));
        BigInteger off = owned.subtract(share);
        assertTrue(off.signum() >= 0 && off.compareTo(BigInteger.ONE) <= 0, o + " of " + total);
      }
    }
  }

  /** The bound this map guarantees: shard 0 owns one range, shard k > 0 exactly k. */
  @Test
  void givesShardKExactlyKRanges() {
    for (int total = 1; total <= CHECKED_TOTALS; total++) {
      assertRangeCounts(total);
    }
    assertRangeCounts(ConsistentRangeMap.MAX_TOTAL);
  }

  private static void assertRangeCounts(int total) {
    for (int o = 0; o < total; o++) {
      List<HashRange> ranges = MAP.ranges(new Shard(o, total));
      assertEquals(Math.max(1, o), ranges.size(), o + " of " + total);
      for (int k = 1; k < ranges.size(); k++) {
        long previousEnd = ranges.get(k - 1).endExclusive();
        long start = ranges.get(k).startInclusive();
        assertTrue(Long.compareUnsigned(previousEnd, start) < 0, () -> "touching ranges " + ranges);
      }
    }
  }

  /**
   * Every old shard keeps a subset of its ranges and loses exactly its share difference; with
   * coverage that means all moved space lands on the new shard, whose share is exactly 1/(N+1).
   */
  @Test
  void growingMovesExactlyTheNewShareOntoTheNewShard() {
    for (int total = 1; total < CHECKED_TOTALS; total++) {
      int grown = total + 1;
      BigInteger moved = BigInteger.ZERO;
      for (int o = 0; o < total; o++) {
        List<HashRange> before = MAP.ranges(new Shard(o, total));
        List<HashRange> after = MAP.ranges(new Shard(o, grown));
        for (HashRange r : after) {
          assertTrue(before.stream().anyMatch(b -> within(r, b)), r + " new to shard " + o);
        }
        moved = moved.add(width(before).subtract(width(after)));
      }
      assertEquals(width(MAP.ranges(new Shard(total, grown))), moved, total + " -> " + grown);
      BigInteger share = HashRange.SPACE.divide(BigInteger.valueOf(grown));
      assertTrue(moved.subtract(share).abs().compareTo(BigInteger.ONE) <= 0, "moved " + moved);
    }
  }

  @Test
  void buildsTheSameLayoutWhetherGrowingOrShrinking() {
    for (int total = 16; total >= 1; total--) {
      RangeLayout fresh = RangeLayout.of(total);
      for (int o = 0; o < total; o++) {
        assertEquals(fresh.ranges(o), MAP.ranges(new Shard(o, total)), o + " of " + total);
      }
    }
  }

  @Test
  void looksUpTheShardWhoseRangeHoldsTheHash() {
    SplittableRandom random = new SplittableRandom(0x5eed_0002L);
    for (int total = 1; total <= CHECKED_TOTALS; total++) {
      List<Long> hashes = new ArrayList<>();
      for (int o = 0; o < total; o++) {
        for (HashRange r : MAP.ranges(new Shard(o, total))) {
          hashes.add(r.startInclusive());
          hashes.add(r.startInclusive() - 1);
          hashes.add(r.endExclusive() - 1);
          hashes.add(r.endExclusive());
        }
      }
      for (int i = 0; i < 1000; i++) {
        hashes.add(random.nextLong());
      }
      for (long hash : hashes) {
        int owner = MAP.shardOfHash(hash, total);
        assertTrue(
            MAP.ranges(new Shard(owner, total)).stream().anyMatch(r -> r.contains(hash)),
            Long.toHexString(hash) + " among " + total);
      }
    }
  }

  @Test
  void selectorParsesBackAndAgreesWithOwnershipForEveryUid() {
    long[] hashes = new long[UIDS];
    for (int i = 0; i < UIDS; i++) {
      hashes[i] = Fnv1a64.hashUtf8(SEEDED_UIDS[i]);
    }
    for (int total = 1; total <= MAX_TOTAL; total++) {
      for (int o = 0; o < total; o++) {
        Shard shard = new Shard(o, total);
        List<HashRange> ranges = MAP.ranges(shard);
        List<HashRange> parsed = ShardSelector.parse(ShardSelector.format(ranges));
        assertEquals(ranges, parsed);
        for (int i = 0; i < UIDS; i++) {
          boolean selected = false;
          for (HashRange r : parsed) {
            selected |= r.contains(hashes[i]);
          }
          assertEquals(MAP.owns(shard, SEEDED_UIDS[i]), selected, SEEDED_UIDS[i] + " " + shard);
        }
      }
    }
  }

  @Test
  void rejectsTotalAboveTheLimit() {
    int total = ConsistentRangeMap.MAX_TOTAL + 1;
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> MAP.shardOf("u", total));
    assertEquals(
        "total shards must be in [1, 1024] for consistent ranges, got 1025", e.getMessage());
  }

  private static BigInteger width(List<HashRange> ranges) {
    BigInteger sum = BigInteger.ZERO;
    for (HashRange r : ranges) {
      sum = sum.add(r.width());
    }
    return sum;
  }

  private static boolean within(HashRange inner, HashRange outer) {
    return HashRange.unsigned(inner.startInclusive())
                .compareTo(HashRange.unsigned(outer.startInclusive()))
            >= 0
        && inner.end().compareTo(outer.end()) <= 0;
  }
}
