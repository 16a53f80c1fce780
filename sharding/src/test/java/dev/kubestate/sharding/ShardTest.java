package dev.kubestate.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Range checks of a shard and ownership when unsharded. */
class ShardTest {

  @ParameterizedTest(name = "Shard({0}, {1})")
  @CsvSource(
      delimiter = '|',
      value = {
        "3 | 3 | ordinal 3 out of range [0, 3)",
        "-1 | 3 | ordinal -1 out of range [0, 3)",
        "1 | 1 | ordinal 1 out of range [0, 1)"
      })
  void rejectsOrdinalOutOfRange(int ordinal, int total, String message) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Shard(ordinal, total));
    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "total {0}")
  @CsvSource({"0", "-1"})
  void rejectsTotalBelowOne(int total) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Shard(0, total));
    assertEquals("total shards must be >= 1, got " + total, e.getMessage());
  }

  @Test
  void acceptsEveryOrdinalInRange() {
    for (int total = 1; total <= 16; total++) {
      for (int ordinal = 0; ordinal < total; ordinal++) {
        assertEquals(ordinal, new Shard(ordinal, total).ordinal());
      }
    }
  }

  @Test
  void isShardedOnlyWithMoreThanOneShard() {
    assertFalse(Shard.ALL.isSharded());
    assertFalse(new Shard(0, 1).isSharded());
    assertTrue(new Shard(0, 2).isSharded());
  }

  @Test
  void unshardedOwnsEveryUidWithoutHashing() {
    ShardMap never =
        (uid, total) -> {
          throw new AssertionError("hashed " + uid);
        };
    assertTrue(never.owns(Shard.ALL, "any"));
  }
}
