package dev.kubestate.exporter.informers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** A pod's StatefulSet owner and ordinal, as automatic sharding reads them. */
class PodShardTest {

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
        new PodShard("mon", "ksm-0", "ksm", 0),
        PodShard.of(pod("ksm-0", "apps/v1", "StatefulSet", true)));
    assertEquals(12, PodShard.of(pod("ksm-12", "apps/v1", "StatefulSet", true)).ordinal());
  }

  @Test
  void rejectsNamesWithoutIntegerSuffix() {
    assertEquals(-1, PodShard.ordinal("ksm-", "ksm"));
    assertEquals(-1, PodShard.ordinal("ksm-a1", "ksm"));
    assertEquals(-1, PodShard.ordinal("ksm--1", "ksm"));
    assertEquals(-1, PodShard.ordinal("ksm-+1", "ksm"));
    assertEquals(-1, PodShard.ordinal("other-1", "ksm"));
    assertEquals(-1, PodShard.ordinal("ksm-99999999999", "ksm"));
    assertEquals(-1, PodShard.ordinal(null, "ksm"));
    assertEquals(3, PodShard.ordinal("ksm-03", "ksm"));
  }

  @Test
  void failsNamingThePodWithoutOrdinal() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> PodShard.of(pod("ksm-x", "apps/v1", "StatefulSet", true)));
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
          assertThrows(IllegalArgumentException.class, () -> PodShard.of(p));
      assertTrue(e.getMessage().contains("mon/ksm-0"), e.getMessage());
      assertTrue(e.getMessage().contains("StatefulSet"), e.getMessage());
    }
  }

  @Test
  void toleratesPodWithoutMetadata() {
    assertThrows(IllegalArgumentException.class, () -> PodShard.of(new Pod()));
  }
}
