package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The one source of randomness of a synthetic cluster: choices, UIDs, name suffixes and timestamps
 * all come from a {@link SplittableRandom} seeded once, so a given seed and call order always
 * produce the same values. Timestamps count back from a fixed instant, never the clock. Not
 * thread-safe.
 */
final class ClusterRandom {

  /** The fixed "now" of every synthetic cluster: 2026-01-01T00:00:00Z. */
  static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

  private static final char[] SUFFIX_CHARS = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

  private final SplittableRandom random;

  ClusterRandom(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** A version-4 UUID string drawn from the seed. */
  String uid() {
    long msb = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(msb, lsb).toString();
  }

  /** Metadata of a new object: its name and namespace, a UID drawn from the seed, its creation. */
  ObjectMeta meta(String namespace, String name, String created) {
    return new ObjectMetaBuilder()
        .withName(name)
        .withNamespace(namespace)
        .withUid(uid())
        .withCreationTimestamp(created)
        .build();
  }

  /** A lower-case suffix of {@code length} characters, as Kubernetes generates for names. */
  String suffix(int length) {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = SUFFIX_CHARS[random.nextInt(SUFFIX_CHARS.length)];
    }
    return new String(out);
  }

  /** A lower-case hex string of {@code length} digits (pod-template-hash, machine ids). */
  String hex(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(Character.forDigit(random.nextInt(16), 16));
    }
    return out.toString();
  }

  /** {@code length} random bytes (stand-ins for key and certificate material). */
  byte[] bytes(int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      out[i] = (byte) random.nextInt(256);
    }
    return out;
  }

  /** Uniform in {@code [0, bound)}. */
  int below(int bound) {
    return random.nextInt(bound);
  }

  /** Uniform in {@code [from, to]}. */
  int between(int from, int to) {
    return random.nextInt(from, to + 1);
  }

  /** True with probability {@code p}. */
  boolean chance(double p) {
    return random.nextDouble() < p;
  }

  <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** RFC 3339 time {@code secondsBefore} seconds before {@link #EPOCH}. */
  static String before(long secondsBefore) {
    return EPOCH.minusSeconds(secondsBefore).toString();
  }

  /** Seconds from {@code t} to {@link #EPOCH}; negative when {@code t} is later. */
  static long secondsBefore(Instant t) {
    return EPOCH.getEpochSecond() - t.getEpochSecond();
  }

  /** RFC 3339 time {@code secondsAfter} seconds after {@link #EPOCH}. */
  static String after(long secondsAfter) {
    return EPOCH.plusSeconds(secondsAfter).toString();
  }
}
