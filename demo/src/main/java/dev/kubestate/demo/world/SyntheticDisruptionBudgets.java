package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * PodDisruptionBudgets (policy/v1) over replicated workloads: the system deployments with two
 * replicas or more, Prometheus and Alertmanager, quorum StatefulSets (three replicas or more), and
 * about a quarter of the team deployments with two replicas or more, with a minimum available or a
 * maximum unavailable count or percentage. Each selects exactly its workload's pods (the workload's
 * own selector); its status counts them as the disruption controller does, percentages rounded up.
 * Stateless.
 */
final class SyntheticDisruptionBudgets {

  /** A workload a budget may guard: its selector, its pods, when it was created. */
  record Guarded(
      String namespace,
      String name,
      Map<String, String> selector,
      List<Pod> pods,
      String created) {}

  private static final List<IntOrString> TEAM_POLICIES =
      List.of(
          new IntOrString(1),
          new IntOrString("50%"),
          new IntOrString(1),
          new IntOrString("25%"),
          new IntOrString("100%"));

  private SyntheticDisruptionBudgets() {}

  /** Budgets over some of {@code deployments} and {@code sets}. */
  static List<PodDisruptionBudget> generate(
      ClusterRandom random, List<SyntheticWorkloads> deployments, SyntheticStatefulSets sets) {
    List<PodDisruptionBudget> out = new ArrayList<>();
    for (SyntheticWorkloads w : deployments) {
      Guarded g =
          new Guarded(
              w.deployment().getMetadata().getNamespace(),
              w.deployment().getMetadata().getName(),
              w.deployment().getSpec().getSelector().getMatchLabels(),
              w.pods(),
              w.deployment().getMetadata().getCreationTimestamp());
      if (g.pods().size() < 2) {
        continue;
      }
      if (!g.namespace().startsWith("team-")) {
        out.add(budget(random, g, null, new IntOrString(1)));
      } else if (random.chance(0.25)) {
        // minAvailable is the first, third and last policy; maxUnavailable the others.
        int policy = random.below(TEAM_POLICIES.size());
        IntOrString value = TEAM_POLICIES.get(policy);
        out.add(policy % 2 == 0 ? budget(random, g, value, null) : budget(random, g, null, value));
      }
    }
    for (StatefulSet s : sets.statefulSets()) {
      String name = s.getMetadata().getName();
      List<Pod> pods =
          sets.pods().stream()
              .filter(
                  p ->
                      p.getMetadata()
                          .getOwnerReferences()
                          .get(0)
                          .getUid()
                          .equals(s.getMetadata().getUid()))
              .toList();
      Guarded g =
          new Guarded(
              s.getMetadata().getNamespace(),
              name,
              s.getSpec().getSelector().getMatchLabels(),
              pods,
              s.getMetadata().getCreationTimestamp());
      if (name.equals("prometheus-k8s")) {
        out.add(budget(random, g, new IntOrString(1), null));
      } else if (pods.size() >= 3) {
        out.add(budget(random, g, null, new IntOrString(1)));
      }
    }
    return List.copyOf(out);
  }

  /** A budget over {@code g} with {@code minAvailable} or {@code maxUnavailable} set. */
  private static PodDisruptionBudget budget(
      ClusterRandom random, Guarded g, IntOrString minAvailable, IntOrString maxUnavailable) {
    int expected = g.pods().size();
    int healthy = (int) g.pods().stream().filter(SyntheticWorkloads::isReady).count();
    int desired =
        minAvailable != null
            ? scaled(minAvailable, expected)
            : Math.max(0, expected - scaled(maxUnavailable, expected));
    int allowed = Math.max(0, healthy - desired);
    String name = g.name() + (random.chance(0.5) ? "-pdb" : "");
    return new PodDisruptionBudgetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(g.namespace())
        .withUid(random.uid())
        .withCreationTimestamp(g.created())
        .withGeneration(1L)
        .withLabels(Map.of("app.kubernetes.io/name", g.name()))
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .withMatchLabels(g.selector())
        .endSelector()
        .withMinAvailable(minAvailable)
        .withMaxUnavailable(maxUnavailable)
        .endSpec()
        .withNewStatus()
        .withObservedGeneration(1L)
        .withExpectedPods(expected)
        .withCurrentHealthy(healthy)
        .withDesiredHealthy(desired)
        .withDisruptionsAllowed(allowed)
        .withConditions(
            new ConditionBuilder()
                .withType("DisruptionAllowed")
                .withStatus(allowed > 0 ? "True" : "False")
                .withReason(allowed > 0 ? "SufficientPods" : "InsufficientPods")
                .withMessage("")
                .withObservedGeneration(1L)
                .withLastTransitionTime(ClusterRandom.before(random.between(60, 86400)))
                .build())
        .endStatus()
        .build();
  }

  /** {@code value} of {@code total}: the number itself, or the percentage rounded up. */
  private static int scaled(IntOrString value, int total) {
    if (value.getStrVal() == null) {
      return value.getIntVal();
    }
    int percent = Integer.parseInt(value.getStrVal().replace("%", ""));
    return (total * percent + 99) / 100;
  }
}
