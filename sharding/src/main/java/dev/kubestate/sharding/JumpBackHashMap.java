package dev.kubestate.sharding;

import com.dynatrace.hash4j.consistent.ConsistentBucketHasher;
import com.dynatrace.hash4j.consistent.ConsistentHashing;
import com.dynatrace.hash4j.hashing.Hasher64;
import com.dynatrace.hash4j.hashing.Hashing;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * hash4j's JumpBackHash (SplitMix64 variant, a stateless shared instance) over XXH3-64 of the
 * UID's UTF-8 bytes. Growing from N to N+1 shards moves an expected 1/(N+1) of UIDs, all onto
 * shard N. Immutable and thread-safe; allocates the UTF-8 byte array of the UID per call.
 */
final class JumpBackHashMap implements ShardMap {

  static final JumpBackHashMap INSTANCE = new JumpBackHashMap();

  private static final Hasher64 XXH3 = Hashing.xxh3_64();
  private static final ConsistentBucketHasher JUMP_BACK = ConsistentHashing.jumpBackHashSplitMix64();

  private JumpBackHashMap() {}

  @Override
  public int shardOf(String uid, int total) {
    Objects.requireNonNull(uid, "uid");
    if (total < 1) {
      throw new IllegalArgumentException("total shards must be >= 1, got " + total);
    }
    long hash = XXH3.hashBytesToLong(uid.getBytes(StandardCharsets.UTF_8));
    return JUMP_BACK.getBucket(hash, total);
  }
}
