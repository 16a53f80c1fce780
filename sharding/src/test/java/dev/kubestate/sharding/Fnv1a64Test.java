package dev.kubestate.sharding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FNV-1a-64 of UTF-8 bytes, without encoding into an array first. */
class Fnv1a64Test {

  /** The empty input hashes to the offset basis (ksm-behaviour.md 8.1). */
  @Test
  void hashesEmptyStringToOffsetBasis() {
    assertEquals(0xcbf29ce484222325L, Fnv1a64.hashUtf8(""));
  }

  @Test
  void hashesKsmExampleUid() {
    assertEquals(0x9218e79366e820c5L, Fnv1a64.hashUtf8("pod-uid-1"));
  }

  @Test
  void hashesEveryEncodingLengthAsStringGetBytes() {
    String[] samples = {
      "a",
      "\u00E9",
      "\u07FF",
      "\u0800",
      "\uFFFF",
      "caf\u00E9-\uD83D\uDE80",
      "\uD800",
      "x\uDC00y",
      "\uD83D",
      "\uDBFF\uDFFF"
    };
    for (String s : samples) {
      assertEquals(overBytes(s), Fnv1a64.hashUtf8(s), s);
    }
  }

  @Test
  void hashesSeededRandomStringsAsStringGetBytes() {
    SplittableRandom random = new SplittableRandom(0x5eed_f17aL);
    for (int i = 0; i < 10_000; i++) {
      char[] chars = new char[random.nextInt(40)];
      for (int k = 0; k < chars.length; k++) {
        // Mostly ASCII, with two-byte, three-byte and surrogate code units mixed in.
        int kind = random.nextInt(4);
        chars[k] = (char) (kind == 0 ? random.nextInt(0x10000) : random.nextInt(0x80 << kind));
      }
      String s = new String(chars);
      assertEquals(overBytes(s), Fnv1a64.hashUtf8(s), s);
    }
  }

  /** The textbook definition over an explicit byte array. */
  private static long overBytes(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
