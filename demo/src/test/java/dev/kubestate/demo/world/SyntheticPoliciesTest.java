package dev.kubestate.demo.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Disruption budgets and resource quotas of the synthetic cluster. */
class SyntheticPoliciesTest {

  private static final SyntheticCluster CLUSTER = SyntheticClusterTest.BIG;

  @Test
  void disruptionBudgetsCountThePodsTheySelect() {
    Set<String> policies = new HashSet<>();
    for (PodDisruptionBudget b : CLUSTER.podDisruptionBudgets()) {
      Map<String, String> selector = b.getSpec().getSelector().getMatchLabels();
      List<Pod> selected =
          CLUSTER.pods().stream()
              .filter(p -> p.getMetadata().getNamespace().equals(b.getMetadata().getNamespace()))
              // The disruption controller expects the pods the workload counts: not ended ones.
              .filter(p -> !"Failed".equals(p.getStatus().getPhase()))
              .filter(p -> p.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
              .toList();
      PodDisruptionBudgetStatus st = b.getStatus();
      assertFalse(selected.isEmpty(), b.getMetadata().getName());
      assertEquals(selected.size(), st.getExpectedPods(), b.getMetadata().getName());
      long healthy = selected.stream().filter(SyntheticWorkloads::isReady).count();
      assertEquals(healthy, (long) st.getCurrentHealthy());
      assertEquals(
          Math.max(0, healthy - st.getDesiredHealthy()), (long) st.getDisruptionsAllowed());
      assertEquals(
          st.getDisruptionsAllowed() > 0 ? "True" : "False", st.getConditions().get(0).getStatus());
      policies.add(b.getSpec().getMinAvailable() != null ? "minAvailable" : "maxUnavailable");
    }
    assertEquals(Set.of("minAvailable", "maxUnavailable"), policies);
  }

  @Test
  void everyTeamNamespaceHasAQuotaCountingWhatItHolds() {
    Map<String, ResourceQuota> quotas =
        CLUSTER.resourceQuotas().stream()
            .collect(Collectors.toMap(q -> q.getMetadata().getNamespace(), q -> q));
    assertEquals(SyntheticNamespaces.TEAMS.size(), quotas.size());
    int full = 0;
    for (Map.Entry<String, ResourceQuota> e : quotas.entrySet()) {
      String ns = e.getKey();
      Map<String, Quantity> used = e.getValue().getStatus().getUsed();
      Map<String, Quantity> hard = e.getValue().getSpec().getHard();
      assertEquals(hard, e.getValue().getStatus().getHard());
      long pods =
          CLUSTER.pods().stream()
              .filter(p -> p.getMetadata().getNamespace().equals(ns))
              .filter(p -> !Set.of("Succeeded", "Failed").contains(p.getStatus().getPhase()))
              .count();
      assertEquals(pods, value(used.get("pods")), ns);
      assertEquals(count(CLUSTER.deployments(), ns), value(used.get("count/deployments.apps")));
      assertEquals(
          count(CLUSTER.persistentVolumeClaims(), ns), value(used.get("persistentvolumeclaims")));
      for (String resource : hard.keySet()) {
        BigDecimal u = used.get(resource).getNumericalAmount();
        assertTrue(u.compareTo(hard.get(resource).getNumericalAmount()) <= 0, ns + " " + resource);
      }
      full += value(used.get("pods")) == value(hard.get("pods")) ? 1 : 0;
    }
    assertEquals(1, full, "namespaces at their pod limit");
  }

  private static long count(List<? extends HasMetadata> l, String ns) {
    return l.stream().filter(o -> o.getMetadata().getNamespace().equals(ns)).count();
  }

  private static long value(Quantity q) {
    return q.getNumericalAmount().longValue();
  }
}
