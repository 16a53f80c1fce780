package dev.kubestate.exporter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticClusterTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static final SyntheticCluster CLUSTER = SyntheticCluster.generate(7, 12, 300);

  private static List<String> serialized(SyntheticCluster cluster) {
    return cluster.objects().stream().map(JSON::asJson).toList();
  }

  @Test
  void sameSeedGivesIdenticalObjects() {
    assertEquals(serialized(CLUSTER), serialized(SyntheticCluster.generate(7, 12, 300)));
  }

  @Test
  void differentSeedGivesDifferentObjects() {
    List<String> other = serialized(SyntheticCluster.generate(8, 12, 300));
    assertNotEquals(serialized(CLUSTER), other);
    Set<String> uids = uids(CLUSTER);
    assertTrue(
        SyntheticCluster.generate(8, 12, 300).objects().stream()
            .noneMatch(o -> uids.contains(o.getMetadata().getUid())));
  }

  @Test
  void honoursNodeAndPodCounts() {
    assertEquals(12, CLUSTER.nodes().size());
    assertEquals(300, CLUSTER.pods().size());
    SyntheticCluster tiny = SyntheticCluster.generate(1, 3, 17);
    assertEquals(3, tiny.nodes().size());
    assertEquals(17, tiny.pods().size());
    SyntheticCluster empty = SyntheticCluster.generate(1, 0, 0);
    assertEquals(0, empty.nodes().size());
    assertEquals(0, empty.pods().size());
    assertFalse(empty.namespaces().isEmpty());
  }

  @Test
  void rejectsNegativeCounts() {
    assertThrows(IllegalArgumentException.class, () -> SyntheticCluster.generate(1, -1, 10));
    assertThrows(IllegalArgumentException.class, () -> SyntheticCluster.generate(1, 10, -1));
  }

  @Test
  void everyObjectHasUniqueUidAndTimestampBeforeFixedEpoch() {
    List<HasMetadata> all = CLUSTER.objects();
    assertEquals(all.size(), uids(CLUSTER).size());
    for (HasMetadata o : all) {
      Instant created = Instant.parse(o.getMetadata().getCreationTimestamp());
      assertTrue(created.isBefore(ClusterRandom.EPOCH), o.getMetadata().getName());
    }
  }

  @Test
  void everyPodOwnerChainResolvesToDeployment() {
    Map<String, ReplicaSet> sets = byUid(CLUSTER.replicaSets());
    Map<String, Deployment> deployments = byUid(CLUSTER.deployments());
    for (Pod pod : CLUSTER.pods()) {
      ReplicaSet rs = sets.get(controller(pod).getUid());
      assertNotNull(rs, "owner of pod " + pod.getMetadata().getName());
      assertEquals(pod.getMetadata().getNamespace(), rs.getMetadata().getNamespace());
      Deployment d = deployments.get(controller(rs).getUid());
      assertNotNull(d, "owner of replicaset " + rs.getMetadata().getName());
      assertEquals(d.getMetadata().getName(), controller(rs).getName());
    }
  }

  @Test
  void everyScheduledPodRunsOnExistingNode() {
    Set<String> nodes =
        CLUSTER.nodes().stream().map(n -> n.getMetadata().getName()).collect(Collectors.toSet());
    for (Pod pod : CLUSTER.pods()) {
      String node = pod.getSpec().getNodeName();
      if (node == null) {
        assertEquals("Pending", pod.getStatus().getPhase());
      } else {
        assertTrue(nodes.contains(node), node);
      }
    }
  }

  @Test
  void showsTheStatesOfABusyCluster() {
    SyntheticCluster big = SyntheticCluster.generate(1, 20, 800);
    Set<String> seen = new HashSet<>();
    for (Pod p : big.pods()) {
      seen.add("qos:" + p.getStatus().getQosClass());
      seen.add("phase:" + p.getStatus().getPhase());
      if (p.getStatus().getContainerStatuses() != null) {
        p.getStatus().getContainerStatuses().stream()
            .filter(c -> c.getState().getWaiting() != null)
            .forEach(c -> seen.add("waiting:" + c.getState().getWaiting().getReason()));
        p.getStatus().getContainerStatuses().stream()
            .filter(c -> c.getRestartCount() > 0)
            .forEach(c -> seen.add("restarted"));
      }
    }
    big.services()
        .forEach(
            s ->
                seen.add(
                    "service:"
                        + s.getSpec().getType()
                        + ("None".equals(s.getSpec().getClusterIP()) ? "-headless" : "")));
    big.replicaSets().stream()
        .filter(rs -> rs.getSpec().getReplicas() == 0)
        .forEach(rs -> seen.add("old-replicaset"));
    big.nodes().stream()
        .filter(n -> n.getSpec().getTaints() != null && !n.getSpec().getTaints().isEmpty())
        .forEach(n -> seen.add("tainted-node"));
    assertTrue(
        seen.containsAll(
            Set.of(
                "qos:BestEffort",
                "qos:Burstable",
                "qos:Guaranteed",
                "phase:Running",
                "phase:Pending",
                "waiting:CrashLoopBackOff",
                "waiting:ImagePullBackOff",
                "waiting:ContainerCreating",
                "restarted",
                "service:ClusterIP",
                "service:NodePort",
                "service:LoadBalancer",
                "service:ClusterIP-headless",
                "old-replicaset",
                "tainted-node")),
        seen.toString());
  }

  @Test
  void nodesReportCapacityAllocatableAndInfo() {
    for (Node n : CLUSTER.nodes()) {
      assertTrue(
          n.getStatus()
              .getCapacity()
              .keySet()
              .containsAll(Set.of("cpu", "memory", "pods", "ephemeral-storage")));
      assertTrue(
          n.getStatus()
              .getAllocatable()
              .keySet()
              .containsAll(Set.of("cpu", "memory", "pods", "ephemeral-storage")));
      assertNotNull(n.getStatus().getNodeInfo().getKubeletVersion());
      assertTrue(n.getMetadata().getLabels().containsKey("topology.kubernetes.io/zone"));
    }
  }

  private static OwnerReference controller(HasMetadata o) {
    return o.getMetadata().getOwnerReferences().stream()
        .filter(r -> Boolean.TRUE.equals(r.getController()))
        .findFirst()
        .orElseThrow();
  }

  private static <T extends HasMetadata> Map<String, T> byUid(List<T> objects) {
    return objects.stream()
        .collect(Collectors.toMap(o -> o.getMetadata().getUid(), Function.identity()));
  }

  private static Set<String> uids(SyntheticCluster cluster) {
    return cluster.objects().stream()
        .map(o -> o.getMetadata().getUid())
        .collect(Collectors.toSet());
  }
}
