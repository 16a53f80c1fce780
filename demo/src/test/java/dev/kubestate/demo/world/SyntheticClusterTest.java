package dev.kubestate.demo.world;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.resources.Kinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerCondition;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SyntheticClusterTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();

  private static final SyntheticCluster CLUSTER = SyntheticCluster.generate(7, 12, 300);

  /** Core kinds KSM exports that the exporter's registry does not list yet. */
  private static final Set<String> CORE_KINDS =
      Set.of(
          "ConfigMap",
          "Secret",
          "ServiceAccount",
          "Endpoints",
          "ReplicationController",
          "LimitRange");

  /** Big enough to show every state the generator makes. */
  static final SyntheticCluster BIG = SyntheticCluster.generate(1, 20, 800);

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
    for (int nodes : new int[] {0, 1, 2, 5, 9}) {
      for (int pods : new int[] {1, 2, 8, 16, 41, 120}) {
        assertEquals(pods, SyntheticCluster.generate(nodes, nodes, pods).pods().size());
      }
    }
  }

  @Test
  void holdsEveryKindTheExporterKnowsAndTheCoreKindsStillToCome() {
    Set<String> expected = new HashSet<>(CORE_KINDS);
    Kinds.all().values().forEach(k -> expected.add(HasMetadata.getKind(cast(k.type()))));
    for (SyntheticCluster cluster : List.of(BIG, CLUSTER, SyntheticCluster.generate(2, 5, 150))) {
      Set<String> kinds =
          cluster.objects().stream().map(HasMetadata::getKind).collect(Collectors.toSet());
      assertEquals(new TreeSet<>(expected), new TreeSet<>(kinds));
    }
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends HasMetadata> cast(Class<?> type) {
    return (Class<? extends HasMetadata>) type;
  }

  @Test
  void sizeAndCountsAgreeWithObjects() {
    for (SyntheticCluster cluster : List.of(BIG, SyntheticCluster.generate(1, 0, 0))) {
      assertEquals(cluster.objects().size(), cluster.size());
      assertEquals(
          cluster.size(), cluster.counts().values().stream().mapToInt(Integer::intValue).sum());
      assertEquals(cluster.pods().size(), cluster.counts().getOrDefault("pods", 0));
    }
  }

  @Test
  void sizeCountsEveryObjectOfEveryKind() {
    Map<String, Long> kinds =
        BIG.objects().stream()
            .collect(Collectors.groupingBy(HasMetadata::getKind, Collectors.counting()));
    assertEquals(BIG.objects().size(), BIG.size());
    assertEquals(39, kinds.size(), kinds.keySet().toString());
    kinds.forEach((kind, n) -> assertTrue(n > 0, kind));
  }

  @Test
  void rejectsNegativeCounts() {
    assertThrows(IllegalArgumentException.class, () -> SyntheticCluster.generate(1, -1, 10));
    assertThrows(IllegalArgumentException.class, () -> SyntheticCluster.generate(1, 10, -1));
  }

  @Test
  void everyObjectHasUniqueUidAndTimestampBeforeFixedEpoch() {
    for (SyntheticCluster cluster : List.of(CLUSTER, BIG)) {
      List<HasMetadata> all = cluster.objects();
      assertEquals(all.size(), uids(cluster).size());
      for (HasMetadata o : all) {
        Instant created = Instant.parse(o.getMetadata().getCreationTimestamp());
        assertTrue(created.isBefore(ClusterRandom.EPOCH), o.getMetadata().getName());
      }
    }
  }

  @Test
  void everyReplicaSetPodOwnerChainResolvesToDeployment() {
    Map<String, ReplicaSet> sets = byUid(CLUSTER.replicaSets());
    Map<String, Deployment> deployments = byUid(CLUSTER.deployments());
    for (Pod pod : CLUSTER.pods()) {
      if (!controller(pod).getKind().equals("ReplicaSet")) {
        continue;
      }
      ReplicaSet rs = sets.get(controller(pod).getUid());
      assertNotNull(rs, "owner of pod " + pod.getMetadata().getName());
      assertEquals(pod.getMetadata().getNamespace(), rs.getMetadata().getNamespace());
      Deployment d = deployments.get(controller(rs).getUid());
      assertNotNull(d, "owner of replicaset " + rs.getMetadata().getName());
      assertEquals(d.getMetadata().getName(), controller(rs).getName());
    }
  }

  @Test
  void everyOwnerReferenceResolvesToItsControllerWithTheSameUid() {
    for (SyntheticCluster cluster : List.of(CLUSTER, BIG)) {
      Map<String, HasMetadata> byUid = byUid(cluster.objects());
      for (HasMetadata o : cluster.objects()) {
        for (OwnerReference ref : o.getMetadata().getOwnerReferences()) {
          HasMetadata owner = byUid.get(ref.getUid());
          assertNotNull(owner, "owner " + ref.getKind() + " of " + o.getMetadata().getName());
          assertEquals(ref.getKind(), owner.getKind());
          assertEquals(ref.getName(), owner.getMetadata().getName());
          assertEquals(ref.getApiVersion(), owner.getApiVersion());
          // A namespaced owner is in its dependent's namespace; a node owns its lease.
          if (owner.getMetadata().getNamespace() != null) {
            assertEquals(o.getMetadata().getNamespace(), owner.getMetadata().getNamespace());
          }
        }
      }
    }
    Set<String> podOwners =
        BIG.pods().stream().map(p -> controller(p).getKind()).collect(Collectors.toSet());
    assertEquals(
        Set.of("ReplicaSet", "StatefulSet", "DaemonSet", "Job", "ReplicationController"),
        podOwners);
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
    SyntheticCluster big = BIG;
    Set<String> seen = new HashSet<>();
    for (Pod p : big.pods()) {
      seen.add("qos:" + p.getStatus().getQosClass());
      seen.add("phase:" + p.getStatus().getPhase());
      if (p.getStatus().getReason() != null) {
        seen.add("reason:" + p.getStatus().getReason());
      }
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
                "phase:Failed",
                "reason:Evicted",
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

  @Test
  void statefulSetPodsAndClaimsFollowTheirSet() {
    Map<String, Pod> pods = byName(BIG.pods());
    Map<String, PersistentVolumeClaim> claims = byName(BIG.persistentVolumeClaims());
    int rolling = 0;
    for (StatefulSet s : BIG.statefulSets()) {
      StatefulSetStatus st = s.getStatus();
      String template = s.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
      int onCurrent = 0;
      int onUpdate = 0;
      int ready = 0;
      for (int k = 0; k < s.getSpec().getReplicas(); k++) {
        String name = s.getMetadata().getName() + "-" + k;
        Pod pod = pods.get(s.getMetadata().getNamespace() + "/" + name);
        assertNotNull(pod, name);
        assertEquals(s.getMetadata().getUid(), controller(pod).getUid());
        assertEquals(name, pod.getMetadata().getLabels().get("statefulset.kubernetes.io/pod-name"));
        String revision = pod.getMetadata().getLabels().get("controller-revision-hash");
        onCurrent += revision.equals(st.getCurrentRevision()) ? 1 : 0;
        onUpdate += revision.equals(st.getUpdateRevision()) ? 1 : 0;
        ready += SyntheticWorkloads.isReady(pod) ? 1 : 0;
        String claim = template + "-" + name;
        assertNotNull(claims.get(s.getMetadata().getNamespace() + "/" + claim), claim);
        assertEquals(
            claim, pod.getSpec().getVolumes().get(0).getPersistentVolumeClaim().getClaimName());
      }
      assertEquals(s.getSpec().getReplicas(), st.getReplicas());
      assertEquals(onUpdate, st.getUpdatedReplicas(), s.getMetadata().getName());
      assertEquals(
          st.getCurrentRevision().equals(st.getUpdateRevision()) ? onUpdate : onCurrent,
          st.getCurrentReplicas());
      assertEquals(ready, st.getReadyReplicas());
      assertEquals(s.getMetadata().getGeneration(), st.getObservedGeneration());
      rolling += st.getCurrentRevision().equals(st.getUpdateRevision()) ? 0 : 1;
    }
    assertEquals(1, rolling, "StatefulSets in the middle of a rollout");
    assertTrue(
        BIG.statefulSets().stream()
            .anyMatch(s -> s.getMetadata().getName().equals("prometheus-k8s")));
  }

  @Test
  void daemonSetsRunOnePodOnEachNodeTheyTolerate() {
    assertFalse(BIG.daemonSets().isEmpty());
    assertTrue(SyntheticCluster.generate(1, 3, 17).daemonSets().size() <= 1);
    for (DaemonSet d : BIG.daemonSets()) {
      List<Pod> own =
          BIG.pods().stream()
              .filter(p -> controller(p).getUid().equals(d.getMetadata().getUid()))
              .toList();
      Set<String> nodes = own.stream().map(p -> p.getSpec().getNodeName()).collect(toSet());
      assertEquals(own.size(), nodes.size(), "one pod per node");
      assertFalse(nodes.contains(null));
      DaemonSetStatus st = d.getStatus();
      assertEquals(own.size(), st.getDesiredNumberScheduled());
      assertEquals(own.size(), st.getCurrentNumberScheduled());
      long ready = own.stream().filter(SyntheticWorkloads::isReady).count();
      assertEquals(ready, (long) st.getNumberReady());
      assertEquals(own.size() - ready, (long) st.getNumberUnavailable());
    }
    DaemonSet proxy = BIG.daemonSets().get(0);
    assertEquals("kube-proxy", proxy.getMetadata().getName());
    assertEquals(BIG.nodes().size(), proxy.getStatus().getDesiredNumberScheduled());
  }

  @Test
  void jobsAreRunningSucceededAndFailedAsTheirPodsShow() {
    Map<String, List<Pod>> podsByJob = new HashMap<>();
    BIG.pods().stream()
        .filter(p -> controller(p).getKind().equals("Job"))
        .forEach(
            p -> podsByJob.computeIfAbsent(controller(p).getUid(), k -> new ArrayList<>()).add(p));
    Set<String> seen = new HashSet<>();
    for (Job j : BIG.jobs()) {
      List<Pod> own = podsByJob.getOrDefault(j.getMetadata().getUid(), List.of());
      JobStatus st = j.getStatus();
      if (st.getActive() != null && st.getActive() > 0) {
        seen.add("running");
        assertEquals(own.size(), st.getActive());
        assertTrue(own.stream().noneMatch(p -> p.getStatus().getPhase().endsWith("ed")));
      } else if (st.getCompletionTime() != null) {
        seen.add("succeeded");
        assertEquals("Complete", st.getConditions().get(1).getType());
        assertTrue(own.stream().allMatch(p -> p.getStatus().getPhase().equals("Succeeded")));
      } else {
        seen.add("failed:" + st.getConditions().get(1).getReason());
        assertEquals("Failed", st.getConditions().get(1).getType());
        assertEquals(st.getFailed(), own.isEmpty() ? 1 : own.size());
      }
    }
    assertTrue(
        seen.containsAll(
            Set.of(
                "running", "succeeded", "failed:BackoffLimitExceeded", "failed:DeadlineExceeded")),
        seen.toString());
  }

  @Test
  void cronJobsOwnTheirJobsAndReportTheirRuns() {
    Map<String, CronJob> cronJobs = byUid(BIG.cronJobs());
    assertEquals(
        1, BIG.cronJobs().stream().filter(c -> c.getSpec().getSuspend()).count(), "suspended");
    assertTrue(BIG.cronJobs().stream().anyMatch(c -> c.getSpec().getTimeZone() != null));
    for (Job j : BIG.jobs()) {
      if (j.getMetadata().getOwnerReferences().isEmpty()) {
        continue;
      }
      CronJob c = cronJobs.get(controller(j).getUid());
      Instant scheduled =
          Instant.parse(
              j.getMetadata()
                  .getAnnotations()
                  .get("batch.kubernetes.io/cronjob-scheduled-timestamp"));
      assertEquals(
          c.getMetadata().getName() + "-" + scheduled.getEpochSecond() / 60,
          j.getMetadata().getName());
      assertFalse(scheduled.isAfter(Instant.parse(c.getStatus().getLastScheduleTime())));
      boolean active =
          c.getStatus().getActive() != null
              && c.getStatus().getActive().stream()
                  .anyMatch(r -> r.getUid().equals(j.getMetadata().getUid()));
      assertEquals(j.getStatus().getActive() != null, active, j.getMetadata().getName());
    }
  }

  @Test
  void exactlyOneAutoscalerIsAtItsMaximumAndEachMatchesItsDeployment() {
    Map<String, Deployment> deployments = byName(BIG.deployments());
    Set<String> metrics = new HashSet<>();
    int atMax = 0;
    for (HorizontalPodAutoscaler h : BIG.horizontalPodAutoscalers()) {
      Deployment d =
          deployments.get(
              h.getMetadata().getNamespace() + "/" + h.getSpec().getScaleTargetRef().getName());
      assertNotNull(d);
      assertEquals("apps/v1", h.getSpec().getScaleTargetRef().getApiVersion());
      int current = h.getStatus().getCurrentReplicas();
      assertEquals(d.getSpec().getReplicas(), current);
      assertTrue(
          h.getSpec().getMinReplicas() <= current && current <= h.getSpec().getMaxReplicas());
      HorizontalPodAutoscalerCondition limited = h.getStatus().getConditions().get(2);
      assertEquals("ScalingLimited", limited.getType());
      if (current == h.getSpec().getMaxReplicas()) {
        atMax++;
        assertEquals("True", limited.getStatus());
        assertEquals("TooManyReplicas", limited.getReason());
      }
      h.getSpec().getMetrics().forEach(m -> metrics.add(m.getType() + ":" + target(m)));
    }
    assertEquals(1, atMax);
    assertTrue(
        metrics.containsAll(
            Set.of(
                "Resource:Utilization",
                "Resource:AverageValue",
                "Pods:AverageValue",
                "External:AverageValue")),
        metrics.toString());
  }

  private static String target(MetricSpec m) {
    return m.getResource() != null
        ? m.getResource().getTarget().getType()
        : m.getPods() != null
            ? m.getPods().getTarget().getType()
            : m.getExternal().getTarget().getType();
  }

  static OwnerReference controller(HasMetadata o) {
    return o.getMetadata().getOwnerReferences().stream()
        .filter(r -> Boolean.TRUE.equals(r.getController()))
        .findFirst()
        .orElseThrow();
  }

  static <T extends HasMetadata> Map<String, T> byUid(List<T> objects) {
    return objects.stream()
        .collect(Collectors.toMap(o -> o.getMetadata().getUid(), Function.identity()));
  }

  /** {@code objects} by namespace/name. */
  static <T extends HasMetadata> Map<String, T> byName(List<T> objects) {
    return objects.stream()
        .collect(
            Collectors.toMap(
                o -> o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(),
                Function.identity()));
  }

  private static Set<String> uids(SyntheticCluster cluster) {
    return cluster.objects().stream()
        .map(o -> o.getMetadata().getUid())
        .collect(Collectors.toSet());
  }
}
