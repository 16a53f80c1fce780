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
