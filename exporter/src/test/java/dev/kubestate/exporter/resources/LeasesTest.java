package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lease renew times that YAML test data cannot pin (fabric8 holds them as {@code ZonedDateTime}).
 */
class LeasesTest {

  private final KindRendering<Lease> rendering = new KindRendering<>(new Leases());

  private static Lease renewedAt(ZonedDateTime renewTime) {
    return new LeaseBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName("l")
        .endMetadata()
        .withNewSpec()
        .withRenewTime(renewTime)
        .endSpec()
        .build();
  }

  @Test
  void skipsGoZeroTimeAsUnset() {
    Lease l = renewedAt(ZonedDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));

    assertEquals(List.of(), rendering.lines(l, "kube_lease_renew_time"));
  }

  @Test
  void truncatesFractionsTowardThePast() {
    // Go's Time.Unix floors: 1969-12-31T23:59:59.5Z is -1, not 0.
    Lease l = renewedAt(ZonedDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000, ZoneOffset.UTC));

    assertEquals(
        List.of("kube_lease_renew_time{lease=\"l\",namespace=\"ns\"} -1"),
        rendering.lines(l, "kube_lease_renew_time"));
  }

  @Test
  void readsOffsetsAsTheSameInstant() {
    Lease l = renewedAt(ZonedDateTime.of(2017, 7, 14, 4, 40, 0, 0, ZoneOffset.ofHours(2)));

    assertEquals(
        List.of("kube_lease_renew_time{lease=\"l\",namespace=\"ns\"} 1.5e+09"),
        rendering.lines(l, "kube_lease_renew_time"));
  }
}
