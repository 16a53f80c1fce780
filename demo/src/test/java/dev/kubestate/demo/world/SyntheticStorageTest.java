package dev.kubestate.demo.world;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticStorageTest {

  private static final SyntheticCluster CLUSTER = SyntheticClusterTest.BIG;

  @Test
  void boundClaimsAndVolumesNameEachOther() {
    assertBindingConsistent(CLUSTER.persistentVolumeClaims(), CLUSTER.persistentVolumes(), CLUSTER);
  }

  @Test
  void showsEveryPhaseAndSeveralVolumeSources() {
    Set<String> seen = new HashSet<>();
    for (PersistentVolume v : CLUSTER.persistentVolumes()) {
      seen.add("pv:" + v.getStatus().getPhase());
      seen.add(
          v.getSpec().getCsi() != null
              ? "csi:" + v.getSpec().getCsi().getDriver()
              : v.getSpec().getNfs() != null
                  ? "nfs"
                  : v.getSpec().getHostPath() != null ? "hostPath" : "local");
      seen.add("reclaim:" + v.getSpec().getPersistentVolumeReclaimPolicy());
    }
    assertTrue(
        seen.containsAll(
            Set.of(
                "pv:Bound",
                "pv:Available",
                "pv:Released",
                "pv:Failed",
                "csi:ebs.csi.aws.com",
                "nfs",
                "hostPath",
                "local",
                "reclaim:Delete",
                "reclaim:Retain")),
        seen.toString());
    List<PersistentVolumeClaim> pending =
        CLUSTER.persistentVolumeClaims().stream()
            .filter(c -> c.getStatus().getPhase().equals("Pending"))
            .toList();
    assertEquals(1, pending.size());
    assertNull(pending.get(0).getSpec().getVolumeName());
  }

  @Test
  void podsMountOnlyClaimsOfTheirNamespaceThatExist() {
    Set<String> claims =
        CLUSTER.persistentVolumeClaims().stream().map(SyntheticStorageTest::key).collect(toSet());
    int mounted = 0;
    for (Pod p : CLUSTER.pods()) {
      if (p.getSpec().getVolumes() == null) {
        continue;
      }
      for (Volume v : p.getSpec().getVolumes()) {
        if (v.getPersistentVolumeClaim() != null) {
          mounted++;
          String claim =
              p.getMetadata().getNamespace() + "/" + v.getPersistentVolumeClaim().getClaimName();
          assertTrue(claims.contains(claim), claim);
        }
      }
    }
    assertEquals(CLUSTER.persistentVolumeClaims().size() - 1, mounted, "all but the pending one");
  }

  @Test
  void claimsWaitForTheirPodsWhenNoNodeCanRunThem() {
    SyntheticCluster noNodes = SyntheticCluster.generate(4, 0, 200);
    assertFalse(noNodes.persistentVolumeClaims().isEmpty());
    for (PersistentVolumeClaim c : noNodes.persistentVolumeClaims()) {
      assertEquals("Pending", c.getStatus().getPhase(), c.getMetadata().getName());
    }
    assertBindingConsistent(noNodes.persistentVolumeClaims(), noNodes.persistentVolumes(), noNodes);
  }

  /**
   * Every bound claim names a volume whose claim reference is that claim, UID included, and the
   * reverse; volumes released or failed refer to claims that no longer exist.
   */
  static void assertBindingConsistent(
      List<PersistentVolumeClaim> claims, List<PersistentVolume> volumes, SyntheticCluster seeded) {
    Map<String, PersistentVolume> byName =
        volumes.stream()
            .collect(Collectors.toMap(v -> v.getMetadata().getName(), Function.identity()));
    Map<String, PersistentVolumeClaim> claimsByUid =
        claims.stream()
            .collect(Collectors.toMap(c -> c.getMetadata().getUid(), Function.identity()));
    for (PersistentVolumeClaim c : claims) {
      if (!"Bound".equals(c.getStatus().getPhase())) {
        assertNull(c.getSpec().getVolumeName());
        continue;
      }
      PersistentVolume v = byName.get(c.getSpec().getVolumeName());
      assertNotNull(v, "volume of claim " + key(c));
      assertEquals(c.getMetadata().getUid(), v.getSpec().getClaimRef().getUid());
      assertEquals(c.getSpec().getStorageClassName(), v.getSpec().getStorageClassName());
      assertEquals(v.getSpec().getCapacity(), c.getStatus().getCapacity());
    }
    Set<String> uids =
        seeded.objects().stream().map(o -> o.getMetadata().getUid()).collect(toSet());
    for (PersistentVolume v : volumes) {
      ObjectReference ref = v.getSpec().getClaimRef();
      String phase = v.getStatus().getPhase();
      if (phase.equals("Bound")) {
        PersistentVolumeClaim c = claimsByUid.get(ref.getUid());
        assertNotNull(c, "claim of volume " + v.getMetadata().getName());
        assertEquals(ref.getName(), c.getMetadata().getName());
        assertEquals(ref.getNamespace(), c.getMetadata().getNamespace());
        assertEquals(v.getMetadata().getName(), c.getSpec().getVolumeName());
      } else if (phase.equals("Available")) {
        assertNull(ref);
      } else {
        assertFalse(uids.contains(ref.getUid()), "a " + phase + " volume's claim is gone");
      }
    }
  }

  private static String key(HasMetadata o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }
}
