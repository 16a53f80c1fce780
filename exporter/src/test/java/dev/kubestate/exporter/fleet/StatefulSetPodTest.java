package dev.kubestate.exporter.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** A pod's StatefulSet owner and ordinal, as automatic sharding reads them. */
class StatefulSetPodTest {

  private static Pod pod(String name, String apiVersion, String kind, Boolean controller) {
    PodBuilder b =
        new PodBuilder().withNewMetadata().withName(name).withNamespace("mon").endMetadata();
    if (kind != null) {
      b.editMetadata()
          .addNewOwnerReference()
          .withApiVersion(apiVersion)
          .withKind(kind)
          .withName("ksm")
          .withController(controller)
          .withUid("owner")
          .endOwnerReference()
          .endMetadata();
    }
    return b.build();
  }

  @Test
  void readsOrdinalAfterStatefulSetName() {
    assertEquals(
        new StatefulSetPod("mon", "ksm-0", "ksm", 0),
        StatefulSetPod.of(pod("ksm-0", "apps/v1", "StatefulSet", true)));
    assertEquals(12, StatefulSetPod.of(pod("ksm-12", "apps/v1", "StatefulSet", true)).ordinal());
  }

  @Test
  void rejectsNamesWithoutIntegerSuffix() {
    assertEquals(-1, StatefulSetPod.ordinal("ksm-", "ksm"));
    assertEquals(-1, StatefulSetPod.ordinal("ksm-a1", "ksm"));
    assertEquals(-1, StatefulSetPod.ordinal("ksm--1", "ksm"));
    assertEquals(-1, StatefulSetPod.ordinal("ksm-+1", "ksm"));
    assertEquals(-1, StatefulSetPod.ordinal("other-1", "ksm"));
    assertEquals(-1, StatefulSetPod.ordinal("ksm-99999999999", "ksm"));
    assertEquals(-1, StatefulSetPod.ordinal(null, "ksm"));
    assertEquals(3, StatefulSetPod.ordinal("ksm-03", "ksm"));
  }

  @Test
  void failsNamingThePodWithoutOrdinal() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StatefulSetPod.of(pod("ksm-x", "apps/v1", "StatefulSet", true)));
    assertTrue(e.getMessage().contains("mon/ksm-x"), e.getMessage());
  }

  @Test
  void failsNamingThePodWithoutControllingStatefulSetOwner() {
    for (Pod p :
        new Pod[] {
          pod("ksm-0", null, null, null),
          pod("ksm-0", "apps/v1", "ReplicaSet", true),
          pod("ksm-0", "apps/v1beta1", "StatefulSet", true),
          pod("ksm-0", "apps/v1", "StatefulSet", false),
          pod("ksm-0", "apps/v1", "StatefulSet", null)
        }) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> StatefulSetPod.of(p));
      assertTrue(e.getMessage().contains("mon/ksm-0"), e.getMessage());
      assertTrue(e.getMessage().contains("StatefulSet"), e.getMessage());
    }
  }

  @Test
  void toleratesPodWithoutMetadata() {
    assertThrows(IllegalArgumentException.class, () -> StatefulSetPod.of(new Pod()));
  }
}
