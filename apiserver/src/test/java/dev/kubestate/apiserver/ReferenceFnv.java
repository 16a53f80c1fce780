package dev.kubestate.apiserver;

import dev.kubestate.sharding.Fnv1a64;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * FNV-1a-64 written from its definition in exact integer arithmetic (no reliance on Java's wrapping
 * {@code long}), so tests check {@link Fnv1a64} against an independent computation.
 */
final class ReferenceFnv {

  private static final BigInteger MOD = BigInteger.ONE.shiftLeft(64);
  private static final BigInteger BASIS = new BigInteger("cbf29ce484222325", 16);
  private static final BigInteger PRIME = new BigInteger("100000001b3", 16);

  private ReferenceFnv() {}

  /** The hash of {@code s}'s UTF-8 bytes as a number in [0, 2^64). */
  static BigInteger hash(String s) {
    BigInteger h = BASIS;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h = h.xor(BigInteger.valueOf(b & 0xff)).multiply(PRIME).mod(MOD);
    }
    return h;
  }

  /** Whether {@code s} hashes into [start, end) for any of {@code bounds} (start, end pairs). */
  static boolean inRanges(String s, BigInteger... bounds) {
    BigInteger h = hash(s);
    for (int i = 0; i < bounds.length; i += 2) {
      if (h.compareTo(bounds[i]) >= 0 && h.compareTo(bounds[i + 1]) < 0) {
        return true;
      }
    }
    return false;
  }
}
