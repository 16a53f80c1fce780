package dev.kubestate.exporter.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import org.junit.jupiter.api.Test;

/** The fraction of the hash space a shard owns, as the telemetry gauge shows it. */
class OwnedFractionTest {

  @Test
  void hashMapsOwnOneOverTotal() {
    assertEquals(0.25, SelfMetrics.ownedFraction(ShardMap.jumpBackHash(), new Shard(3, 4)));
    assertEquals(0.2, SelfMetrics.ownedFraction(ShardMap.ksm(), new Shard(0, 5)));
    assertEquals(1.0, SelfMetrics.ownedFraction(ShardMap.jumpBackHash(), Shard.ALL));
  }

  @Test
  void consistentRangesFractionsOfAllShardsAddUpToTheWholeSpace() {
    for (int total = 1; total <= 9; total++) {
      double sum = 0;
      for (int k = 0; k < total; k++) {
        double f = SelfMetrics.ownedFraction(ShardMap.consistentRanges(), new Shard(k, total));
        assertEquals(1.0 / total, f, 0.05 / total, "shard " + k + " of " + total);
        sum += f;
      }
      assertEquals(1.0, sum, 1e-9, "total " + total);
    }
  }
}
