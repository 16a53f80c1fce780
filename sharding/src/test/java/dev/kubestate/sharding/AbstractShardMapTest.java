package dev.kubestate.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The contract every shard map keeps, over 100,000 seeded random UUIDs and totals 1 to 16:
 * exclusive and total ownership, balance, movement only onto a new shard or off a removed one, and
 * outputs pinned by a checksum.
 */
abstract class AbstractShardMapTest {

  static final int UIDS = 100_000;
  static final int MAX_TOTAL = 16;
  static final String[] SEEDED_UIDS = seededUids();

  abstract ShardMap map();

  /**
   * The checksum of {@link #checksumOfAssignments}, recorded once from this map's implementation: a
   * change of library or arithmetic that reshuffles a running fleet must fail the test.
   */
  abstract long pinnedChecksum();

  private static String[] seededUids() {
    SplittableRandom random = new SplittableRandom(0x5eed_0001L);
    String[] uids = new String[UIDS];
    for (int i = 0; i < UIDS; i++) {
      long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
      long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
      uids[i] = new UUID(msb, lsb).toString();
    }
    return uids;
  }

  @Test
  void rejectsNullUidAndTotalBelowOne() {
    assertThrows(NullPointerException.class, () -> map().shardOf(null, 2));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> map().shardOf("u", 0));
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }

  @Test
  void ownsEveryUidByExactlyOneShard() {
    for (int total = 1; total <= MAX_TOTAL; total++) {
      Shard[] shards = new Shard[total];
      for (int o = 0; o < total; o++) {
        shards[o] = new Shard(o, total);
      }
      for (String uid : SEEDED_UIDS) {
        int owners = 0;
        for (Shard s : shards) {
          owners += map().owns(s, uid) ? 1 : 0;
        }
        assertEquals(1, owners, uid + " among " + total);
      }
    }
  }

  @Test
  void balancesShardsWithinFivePercentOfMean() {
    for (int total = 2; total <= MAX_TOTAL; total++) {
      int[] counts = new int[total];
      for (String uid : SEEDED_UIDS) {
        counts[map().shardOf(uid, total)]++;
      }
      double mean = (double) UIDS / total;
      for (int o = 0; o < total; o++) {
        assertTrue(counts[o] <= 1.05 * mean, "shard " + o + " of " + total + ": " + counts[o]);
      }
    }
  }

  @Test
  void growingByOneMovesAboutItsShareAllOntoTheNewShard() {
    for (int total = 1; total < MAX_TOTAL; total++) {
      int moved = 0;
      for (String uid : SEEDED_UIDS) {
        int before = map().shardOf(uid, total);
        int after = map().shardOf(uid, total + 1);
        if (before != after) {
          assertEquals(total, after, uid + " moved between old shards");
          moved++;
        }
      }
      double share = (double) moved / UIDS;
      int grown = total + 1;
      assertTrue(
          share >= 0.9 / grown && share <= 1.1 / grown, total + " -> " + grown + " moved " + share);
    }
  }

  @Test
  void shrinkingByOneMovesOnlyTheRemovedShardsUids() {
    for (int total = MAX_TOTAL; total > 1; total--) {
      int removed = total - 1;
      for (String uid : SEEDED_UIDS) {
        int before = map().shardOf(uid, total);
        int after = map().shardOf(uid, removed);
        if (before != removed) {
          assertEquals(before, after, uid + " left shard " + before + " of " + total);
        }
      }
    }
  }

  @Test
  void keepsShardAssignmentsPinned() {
    assertEquals(pinnedChecksum(), checksumOfAssignments());
  }

  /** Folds the shard of every seeded UID for totals 1 to 16. */
  long checksumOfAssignments() {
    long checksum = 0;
    for (String uid : SEEDED_UIDS) {
      for (int total = 1; total <= MAX_TOTAL; total++) {
        checksum = checksum * 31 + map().shardOf(uid, total);
      }
    }
    return checksum;
  }
}
