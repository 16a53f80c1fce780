package dev.kubestate.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Choosing a shard map by name, as a command-line flag does. */
class ShardMapTest {

  @Test
  void findsEveryMapByName() {
    assertSame(ShardMap.jumpBackHash(), ShardMap.named("jump-back-hash"));
    assertSame(ShardMap.consistentRanges(), ShardMap.named("consistent-ranges"));
    assertSame(ShardMap.ksm(), ShardMap.named("ksm"));
    assertEquals("jump-back-hash", ShardMap.NAMES.get(0));
  }

  @Test
  void rejectsUnknownNameListingTheValidOnes() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ShardMap.named("md5"));
    assertEquals(
        "unknown shard map md5, expected one of jump-back-hash, consistent-ranges, ksm",
        e.getMessage());
  }
}
