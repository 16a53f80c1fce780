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
 * shard N. Immutable and thread-safe. An ASCII UID of up to {@link #MAX_BUFFERED} characters
 * (every Kubernetes UID: 36) is copied into a per-thread buffer, so the call allocates nothing;
 * other UIDs allocate their UTF-8 byte array. Both paths hash the same bytes.
 */
final class JumpBackHashMap implements ShardMap {

  static final JumpBackHashMap INSTANCE = new JumpBackHashMap();

  /** Longest UID hashed from the per-thread buffer; Kubernetes UIDs have 36 characters. */
  static final int MAX_BUFFERED = 128;

  private static final Hasher64 XXH3 = Hashing.xxh3_64();
  private static final ConsistentBucketHasher JUMP_BACK = ConsistentHashing.jumpBackHashSplitMix64();
  private static final ThreadLocal<byte[]> BUFFER =
      ThreadLocal.withInitial(() -> new byte[MAX_BUFFERED]);

  private JumpBackHashMap() {}

  @Override
  public int shardOf(String uid, int total) {
    Objects.requireNonNull(uid, "uid");
    if (total < 1) {
      throw new IllegalArgumentException("total shards must be >= 1, got " + total);
    }
    return JUMP_BACK.getBucket(hash(uid), total);
  }

  /** XXH3-64 of the UTF-8 bytes of {@code uid}. */
  static long hash(String uid) {
    int n = uid.length();
    if (n <= MAX_BUFFERED) {
      byte[] buffer = BUFFER.get();
      int i = 0;
      while (i < n) {
        char c = uid.charAt(i);
        if (c >= 0x80) {
          break;
        }
        buffer[i++] = (byte) c;
      }
      if (i == n) {
        return XXH3.hashBytesToLong(buffer, 0, n);
      }
    }
    return XXH3.hashBytesToLong(uid.getBytes(StandardCharsets.UTF_8));
  }
}
