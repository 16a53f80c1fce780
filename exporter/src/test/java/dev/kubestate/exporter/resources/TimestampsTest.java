package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timestamps are total: what Go could not decode reads as unset, and Go's zero time is skipped
 * where KSM checks {@code IsZero()} (every {@code _created} but network policies', every {@code
 * _deletion_timestamp}).
 */
class TimestampsTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "\uFFFF", "not a time", "2024-02-30T00:00:00Z",
      "2016-12-31T23:59:60Z",
      "2024-01-01 00:00:00", "2024-01-01T00:00:00"})
  void unparsableReadsAsUnset(String text) {
    assertFalse(Timestamps.isSet(text));
    assertTrue(Double.isNaN(Timestamps.seconds(text)));
    assertEquals(Timestamps.GO_ZERO_TIME_SECONDS, Timestamps.secondsOrZeroTime(text));
  }

  /**
   * The allocation-free reading of {@code YYYY-MM-DDTHH:MM:SSZ} agrees with the JDK's RFC 3339
   * parser on 100,000 seeded texts: valid ones over years 0000-9999 (leap days, month ends,
   * 23:59:59) and the same with one character replaced, which must read as the JDK reads them.
   */
  @Test
  void theFastFormAgreesWithTheFullParser() {
    java.util.Random random = new java.util.Random(42);
    String alphabet = "0123456789-:TZtz+. 9";
    for (int i = 0; i < 100_000; i++) {
      String text =
          String.format(
              java.util.Locale.ROOT,
              "%04d-%02d-%02dT%02d:%02d:%02dZ",
              random.nextInt(10_000),
              1 + random.nextInt(12),
              1 + random.nextInt(31),
              random.nextInt(24),
              random.nextInt(60),
              random.nextInt(60));
      if (i % 2 == 1) {
        char[] c = text.toCharArray();
        c[random.nextInt(c.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
        text = new String(c);
      }
      double expected;
      try {
        expected =
            java.time.OffsetDateTime.parse(
                    text, java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toEpochSecond();
      } catch (java.time.DateTimeException e) {
        expected = Double.NaN;
      }
      assertEquals(expected, Timestamps.seconds(text), text);
      assertEquals(
          expected == Timestamps.GO_ZERO_TIME_SECONDS ? Double.NaN : expected,
          Timestamps.secondsUnlessZero(text),
          text);
    }
    assertEquals(Timestamps.GO_ZERO_TIME_SECONDS, Timestamps.utcSeconds("0001-01-01T00:00:00Z"));
    assertEquals(951_782_400L, Timestamps.utcSeconds("2000-02-29T00:00:00Z"));
  }

  @Test
  void truncatesFractionsTowardNegativeInfinity() {
    assertEquals(1_500_000_000, Timestamps.seconds("2017-07-14T02:40:00.999Z"));
    assertEquals(-1, Timestamps.seconds("1969-12-31T23:59:59.5Z"));
    assertEquals(1_500_000_000, Timestamps.secondsUnlessZero("2017-07-14T04:40:00+02:00"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0001-01-01T00:00:00Z", "0001-01-01T01:00:00+01:00"})
  void goZeroTimeIsSkippedOnlyWhereKsmChecksIsZero(String zero) {
    assertEquals(Timestamps.GO_ZERO_TIME_SECONDS, Timestamps.seconds(zero));
    assertTrue(Double.isNaN(Timestamps.secondsUnlessZero(zero)));
    // a nanosecond later is not Go's zero time
    assertEquals(
        Timestamps.GO_ZERO_TIME_SECONDS,
        Timestamps.secondsUnlessZero("0001-01-01T00:00:00.000000001Z"));

    Namespace ns =
        new NamespaceBuilder()
            .withNewMetadata().withName("n").withCreationTimestamp(zero)
            .withDeletionTimestamp(zero).endMetadata().build();
    KindRendering<Namespace> namespaces = new KindRendering<>(new Namespaces());
    assertEquals(List.of(), namespaces.lines(ns, "kube_namespace_created"));

    // KSM's network policy reads its creation time without the check (ksm-behaviour.md 6)
    NetworkPolicy np =
        new NetworkPolicyBuilder()
            .withNewMetadata().withName("p").withNamespace("ns").withCreationTimestamp(zero)
            .endMetadata().build();
    assertEquals(
        List.of("kube_networkpolicy_created{namespace=\"ns\",networkpolicy=\"p\"} -6.21355968e+10"),
        new KindRendering<>(new NetworkPolicies()).lines(np, "kube_networkpolicy_created"));
  }
}
