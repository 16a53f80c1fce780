package dev.kubestate.exporter.apiserver;

import java.nio.charset.StandardCharsets;

/**
 * The 64-bit FNV-1a hash the API server applies to a field's value for {@code shardRange}: over the
 * UTF-8 bytes, offset basis {@code 0xcbf29ce484222325}, prime {@code 0x100000001b3}; the result is
 * read as an unsigned 64-bit number. Stateless and thread-safe.
 */
final class Fnv1a64 {

  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Fnv1a64() {}

  /** The hash of {@code value}'s UTF-8 bytes; allocates the byte array only. */
  static long hash(String value) {
    long h = OFFSET_BASIS;
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= PRIME;
    }
    return h;
  }
}
