package dev.kubestate.exporter.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Fnv1a64Test {

  @Test
  void referenceGivesTheVectorsKsmRecords() {
    // ksm-behaviour.md 8.1
    assertEquals(new BigInteger("0ec242443e038614", 16), ReferenceFnv.hash("test_uid"));
    assertEquals(new BigInteger("9218e79366e820c5", 16), ReferenceFnv.hash("pod-uid-1"));
    assertEquals(
        new BigInteger("3ad1314026f81919", 16),
        ReferenceFnv.hash("5f4dcc3b-5aa7-4d65-8c1e-000000000002"));
    assertEquals(
        new BigInteger("3ad1334026f81c7f", 16),
        ReferenceFnv.hash("5f4dcc3b-5aa7-4d65-8c1e-000000000004"));
  }

  @Test
  void hashesAsTheReferenceDoes() {
    Random random = new Random(5866);
    for (int i = 0; i < 2000; i++) {
      StringBuilder s = new StringBuilder();
      int length = random.nextInt(40);
      for (int j = 0; j < length; j++) {
        s.append((char) (random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(0x800)));
      }
      String value = s.toString();
      assertEquals(
          ReferenceFnv.hash(value),
          new BigInteger(Long.toUnsignedString(Fnv1a64.hash(value))),
          value);
    }
  }

  @Test
  void hashesTheEmptyStringToTheOffsetBasis() {
    assertEquals(0xcbf29ce484222325L, Fnv1a64.hash(""));
  }
}
