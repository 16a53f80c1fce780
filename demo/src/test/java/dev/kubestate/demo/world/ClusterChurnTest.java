package dev.kubestate.demo.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.apiserver.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClusterChurnTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final String REVISION = "controller-revision-hash";

  @Test
  void sameSeedMakesSameChangesVisibleThroughTheApi() {
    SyntheticCluster cluster = SyntheticCluster.generate(11, 4, 40);
    List<String> first;
    Map<String, String> firstState;
    try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
      server.seed(cluster.objects());
      first = steps(new ClusterChurn(server.client(), cluster), 40);
      firstState = state(server.client(), cluster);
      Set<String> seededPods = uids(cluster.pods());
      Set<String> listedPods = uids(server.client().pods().inAnyNamespace().list().getItems());
      assertEquals(cluster.pods().size(), listedPods.size());
      assertNotEquals(seededPods, listedPods, "some pods were replaced under new UIDs");
      assertNotEquals(state(cluster.objects()), firstState);
    }
    try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
      server.seed(cluster.objects());
      assertEquals(first, steps(new ClusterChurn(server.client(), cluster), 40));
      assertEquals(firstState, state(server.client(), cluster));
    }
  }

  @Test
  void controllersOfEveryKindMoveTheirObjectsConsistently() {
    SyntheticCluster cluster = SyntheticCluster.generate(21, 6, 200);
    try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
      server.seed(cluster.objects());
      List<String> done = steps(new ClusterChurn(server.client(), cluster), 300);
      Map<String, Long> byKind =
          done.stream()
              .collect(
                  Collectors.groupingBy(
                      d -> d.substring(0, d.indexOf(' ')), Collectors.counting()));
      assertTrue(
          byKind
              .keySet()
              .containsAll(
                  Set.of(
                      "pod",
                      "deployment",
                      "node",
                      "statefulset",
                      "job",
                      "cronjob",
                      "hpa",
                      "pvc",
                      "lease",
                      "certificatesigningrequest",
                      "configmap")),
          byKind.toString());
      assertTrue(byKind.get("pod") > done.size() / 2, "pod changes dominate: " + byKind);
      KubernetesClient client = server.client();
      List<HasMetadata> all = listAll(client, cluster);
      Map<String, HasMetadata> byUid = new HashMap<>();
      all.forEach(o -> byUid.put(o.getMetadata().getUid(), o));
      assertEquals(all.size(), byUid.size(), "unique UIDs");
      for (HasMetadata o : all) {
        for (OwnerReference ref : refs(o)) {
          HasMetadata owner = byUid.get(ref.getUid());
          assertNotNull(owner, ref.getKind() + " owning " + o.getMetadata().getName());
          assertEquals(ref.getName(), owner.getMetadata().getName());
        }
      }
      assertEquals(
          cluster.pods().stream().filter(p -> !ownedByJob(p)).count(),
          all.stream().filter(o -> o instanceof Pod p && !ownedByJob(p)).count(),
          "pods of long-running controllers");
      Set<String> seeded = uids(cluster.objects());
      assertTrue(
          all.stream()
              .anyMatch(o -> o instanceof Job && !seeded.contains(o.getMetadata().getUid())),
          "a CronJob created a Job");
      assertAutoscalersMatchTheirDeployments(all);
      assertStatefulSetsMatchTheirPods(all);
      ChurnedJobs.assertConsistent(all);
      SyntheticStorageTest.assertBindingConsistent(
          only(all, PersistentVolumeClaim.class), only(all, PersistentVolume.class), cluster);
      assertEndpointsFollowTheirPods(all, done);
      assertControlPlaneMoved(all, cluster, done);
    }
  }

  /**
   * Every endpoint still points at a live pod under its current UID, ready exactly when the pod is;
   * some pod change moved an endpoint.
   */
  private static void assertEndpointsFollowTheirPods(List<HasMetadata> all, List<String> done) {
    Map<String, Pod> pods = new HashMap<>();
    for (Pod p : only(all, Pod.class)) {
      pods.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), p);
    }
    int checked = 0;
    for (EndpointSlice s : only(all, EndpointSlice.class)) {
      for (Endpoint e : s.getEndpoints()) {
        if (e.getTargetRef() != null) {
          Pod p = pods.get(s.getMetadata().getNamespace() + "/" + e.getTargetRef().getName());
          assertNotNull(p, e.getTargetRef().getName());
          assertEquals(p.getMetadata().getUid(), e.getTargetRef().getUid());
          assertEquals(SyntheticWorkloads.isReady(p), e.getConditions().getReady(), key(p));
          assertEquals(SyntheticWorkloads.isReady(p), e.getConditions().getServing(), key(p));
          checked++;
        }
      }
    }
    for (Endpoints e : only(all, Endpoints.class)) {
      for (EndpointSubset subset : e.getSubsets()) {
        for (EndpointAddress a : subset.getAddresses()) {
          if (a.getTargetRef() != null) {
            Pod p = pods.get(e.getMetadata().getNamespace() + "/" + a.getTargetRef().getName());
            assertTrue(SyntheticWorkloads.isReady(p), key(p));
            assertEquals(p.getMetadata().getUid(), a.getTargetRef().getUid());
          }
        }
        for (EndpointAddress a : subset.getNotReadyAddresses()) {
          Pod p = pods.get(e.getMetadata().getNamespace() + "/" + a.getTargetRef().getName());
          assertFalse(SyntheticWorkloads.isReady(p), key(p));
        }
      }
    }
    assertTrue(checked > 0);
    assertTrue(
        done.stream().anyMatch(d -> d.startsWith("pod ") && d.contains("; endpointslice ")),
        "a pod change moved an endpoint");
  }

  /**
   * Leases were renewed after the epoch, certificate requests approved with a certificate, and a
   * config map edited.
   */
  private static void assertControlPlaneMoved(
      List<HasMetadata> all, SyntheticCluster cluster, List<String> done) {
    assertTrue(
        only(all, Lease.class).stream()
            .anyMatch(
                l ->
                    l.getSpec().getRenewTime() != null
                        && l.getSpec().getRenewTime().toInstant().isAfter(ClusterRandom.EPOCH)));
    List<CertificateSigningRequest> csrs = only(all, CertificateSigningRequest.class);
    assertTrue(done.stream().anyMatch(d -> d.endsWith(": approved and issued")), "" + done);
    for (CertificateSigningRequest csr : csrs) {
      boolean approved =
          csr.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Approved"));
      assertEquals(approved, csr.getStatus().getCertificate() != null, csr.getMetadata().getName());
    }
    assertTrue(csrs.stream().filter(CertificateRequests::isPending).count() <= 1, "pending");
    Map<String, String> seeded = new HashMap<>();
    cluster.config().configMaps().forEach(c -> seeded.put(key(c), c.getData().toString()));
    assertTrue(
        only(all, ConfigMap.class).stream()
            .anyMatch(c -> !c.getData().toString().equals(seeded.get(key(c)))),
        "a config map was edited");
  }

  private static String key(HasMetadata o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  private static void assertAutoscalersMatchTheirDeployments(List<HasMetadata> all) {
    Map<String, Deployment> deployments = new HashMap<>();
    for (Deployment d : only(all, Deployment.class)) {
      deployments.put(d.getMetadata().getNamespace() + "/" + d.getMetadata().getName(), d);
    }
    List<HorizontalPodAutoscaler> hpas = only(all, HorizontalPodAutoscaler.class);
    assertFalse(hpas.isEmpty());
    for (HorizontalPodAutoscaler h : hpas) {
      Deployment d =
          deployments.get(
              h.getMetadata().getNamespace() + "/" + h.getSpec().getScaleTargetRef().getName());
      int current = h.getStatus().getCurrentReplicas();
      assertEquals(d.getSpec().getReplicas(), current, h.getMetadata().getName());
      assertEquals(current, h.getStatus().getDesiredReplicas());
      assertTrue(h.getSpec().getMinReplicas() <= current);
      assertTrue(current <= h.getSpec().getMaxReplicas());
    }
  }

  private static void assertStatefulSetsMatchTheirPods(List<HasMetadata> all) {
    for (StatefulSet s : only(all, StatefulSet.class)) {
      StatefulSetStatus st = s.getStatus();
      long onUpdate =
          only(all, Pod.class).stream()
              .filter(
                  p -> refs(p).stream().anyMatch(r -> r.getUid().equals(s.getMetadata().getUid())))
              .filter(p -> st.getUpdateRevision().equals(p.getMetadata().getLabels().get(REVISION)))
              .count();
      assertEquals(onUpdate, (long) st.getUpdatedReplicas(), s.getMetadata().getName());
      if (st.getCurrentRevision().equals(st.getUpdateRevision())) {
        assertEquals(s.getSpec().getReplicas(), st.getCurrentReplicas());
      } else {
        assertEquals(s.getSpec().getReplicas() - onUpdate, (long) st.getCurrentReplicas());
      }
    }
  }

  static <T> List<T> only(List<HasMetadata> all, Class<T> type) {
    return all.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static List<OwnerReference> refs(HasMetadata o) {
    List<OwnerReference> refs = o.getMetadata().getOwnerReferences();
    return refs == null ? List.of() : refs;
  }

  private static boolean ownedByJob(Pod p) {
    return refs(p).stream().anyMatch(r -> r.getKind().equals("Job"));
  }

  @Test
  void runsOnItsOwnThreadUntilClosed() throws InterruptedException {
    SyntheticCluster cluster = SyntheticCluster.generate(12, 3, 20);
    try (EmbeddedApiServer server = EmbeddedApiServer.start(0)) {
      server.seed(cluster.objects());
      CountDownLatch modified = new CountDownLatch(3);
      Watcher<io.fabric8.kubernetes.api.model.Pod> onChange =
          new Watcher<>() {
            @Override
            public void eventReceived(Action action, io.fabric8.kubernetes.api.model.Pod pod) {
              if (action == Action.MODIFIED || action == Action.DELETED) {
                modified.countDown();
              }
            }

            @Override
            public void onClose(WatcherException cause) {}
          };
      try (Watch watch = server.client().pods().inAnyNamespace().watch(onChange);
          ClusterChurn churn = new ClusterChurn(server.client(), cluster)) {
        churn.start(50);
        assertTrue(modified.await(60, TimeUnit.SECONDS), "pods changed through the API");
        churn.close();
        long after = churn.changes();
        assertTrue(after >= 3);
        assertEquals(0, churn.failures());
        assertThrows(IllegalStateException.class, () -> churn.start(1));
      }
    }
  }

  @Test
  void rejectsNonPositiveRate() {
    SyntheticCluster cluster = SyntheticCluster.generate(1, 1, 1);
    ClusterChurn churn = new ClusterChurn(null, cluster);
    assertThrows(IllegalArgumentException.class, () -> churn.start(0));
    assertThrows(IllegalArgumentException.class, () -> churn.start(Double.NaN));
    assertFalse(churn.changes() > 0);
  }

  private static List<String> steps(ClusterChurn churn, int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(churn.step());
    }
    return out;
  }

  private static Set<String> uids(List<? extends HasMetadata> objects) {
    return objects.stream().map(o -> o.getMetadata().getUid()).collect(Collectors.toSet());
  }

  /** Every object of the kinds of {@code cluster} that the server holds. */
  static List<HasMetadata> listAll(KubernetesClient client, SyntheticCluster cluster) {
    Set<Class<? extends HasMetadata>> kinds = new LinkedHashSet<>();
    cluster.objects().forEach(o -> kinds.add(o.getClass()));
    List<HasMetadata> all = new ArrayList<>();
    for (Class<? extends HasMetadata> type : kinds) {
      all.addAll(client.resources(type).inAnyNamespace().list().getItems());
    }
    return all;
  }

  private static Map<String, String> state(KubernetesClient client, SyntheticCluster cluster) {
    return state(listAll(client, cluster));
  }

  /** Every object but namespaces and services by kind/namespace/name, without resourceVersion. */
  private static Map<String, String> state(List<HasMetadata> objects) {
    Map<String, String> out = new TreeMap<>();
    for (HasMetadata o : objects) {
      if (o.getKind().equals("Namespace") || o.getKind().equals("Service")) {
        continue;
      }
      HasMetadata copy = JSON.clone(o);
      copy.getMetadata().setResourceVersion(null);
      copy.getMetadata().setGeneration(null);
      out.put(
          o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName(),
          JSON.asJson(copy));
    }
    return out;
  }
}
