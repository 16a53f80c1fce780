package dev.kubestate.sharding;

/**
 * 64-bit FNV-1a of a string's UTF-8 bytes (offset basis {@code 0xcbf29ce484222325}, prime {@code
 * 0x100000001b3}): the hash KSM shards by and the hash the API server's {@code shardRange} selector
 * compares, as an unsigned 64-bit value (../shared/reference/ksm-behaviour.md 8.1 and
 * server-side-sharding.md).
 *
 * <p>The UTF-8 bytes are produced while hashing, so no byte array is allocated. They are exactly
 * those of {@code String.getBytes(StandardCharsets.UTF_8)}, including its replacement of an
 * unpaired surrogate by {@code '?'}. Stateless and thread-safe.
 */
public final class Fnv1a64 {

  private static final long OFFSET_BASIS = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private Fnv1a64() {}

  /**
   * The hash of {@code text}'s UTF-8 bytes, to be read as unsigned.
   *
   * @param text non-null
   * @return the hash; allocates nothing
   */
  public static long hashUtf8(String text) {
    long h = OFFSET_BASIS;
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        h = (h ^ c) * PRIME;
      } else if (c < 0x800) {
        h = (h ^ (0xC0 | (c >>> 6))) * PRIME;
        h = (h ^ (0x80 | (c & 0x3F))) * PRIME;
      } else if (!Character.isSurrogate(c)) {
        h = (h ^ (0xE0 | (c >>> 12))) * PRIME;
        h = (h ^ (0x80 | ((c >>> 6) & 0x3F))) * PRIME;
        h = (h ^ (0x80 | (c & 0x3F))) * PRIME;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < length
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, text.charAt(++i));
        h = (h ^ (0xF0 | (cp >>> 18))) * PRIME;
        h = (h ^ (0x80 | ((cp >>> 12) & 0x3F))) * PRIME;
        h = (h ^ (0x80 | ((cp >>> 6) & 0x3F))) * PRIME;
        h = (h ^ (0x80 | (cp & 0x3F))) * PRIME;
      } else {
        h = (h ^ '?') * PRIME;
      }
    }
    return h;
  }
}
