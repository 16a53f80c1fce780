package dev.kubestate.benchmarks;

import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ownership decisions per second of each shard map: one {@code owns} call per operation over a
 * pre-generated array of random UUIDs, for the last shard of a total (the one with the most ranges
 * under consistent ranges). Run with {@code -prof gc} to see that deciding allocates only for the
 * default map's UTF-8 bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ShardMapBenchmark {

  /** UIDs cycled through; a power of two, larger than the caches it should not fit in. */
  private static final int UIDS = 1 << 16;

  @Param({"jump-back-hash", "consistent-ranges", "ksm"})
  public String map;

  @Param({"3", "16", "128"})
  public int totalShards;

  private ShardMap shardMap;
  private Shard shard;
  private String[] uids;
  private int next;

  @Setup
  public void setUp() {
    shardMap = ShardMap.named(map);
    shard = new Shard(totalShards - 1, totalShards);
    SplittableRandom random = new SplittableRandom(0x5eed_be7cL);
    uids = new String[UIDS];
    for (int i = 0; i < UIDS; i++) {
      long msb = (random.nextLong() & ~0xF000L) | 0x4000L;
      long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
      uids[i] = new UUID(msb, lsb).toString();
    }
    // Builds and caches the consistent range layout outside the measurement.
    shardMap.owns(shard, uids[0]);
  }

  @Benchmark
  public boolean owns() {
    return shardMap.owns(shard, uids[next++ & (UIDS - 1)]);
  }
}
