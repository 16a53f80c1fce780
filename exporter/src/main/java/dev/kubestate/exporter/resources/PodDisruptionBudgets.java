package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.orZero;
import static dev.kubestate.exporter.resources.GoFields.value;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.util.List;

/**
 * PodDisruptionBudget families ({@code poddisruptionbudgets}, policy/v1); identity {@code
 * namespace}, {@code poddisruptionbudget}. KSM exports the status counts only: {@code
 * spec.minAvailable} and {@code spec.maxUnavailable} have no family.
 */
public final class PodDisruptionBudgets extends KubernetesKind<PodDisruptionBudget> {

  public PodDisruptionBudgets() {
    super(PodDisruptionBudget.class);
  }

  @Override
  public List<Family<PodDisruptionBudget>> families(ResourceOptions options) {
    return List.of(
        annotations("kube_poddisruptionbudget_annotations", ALPHA, options),
        labels("kube_poddisruptionbudget_labels", ALPHA, options),
        created("kube_poddisruptionbudget_created", STABLE),
        gauge("kube_poddisruptionbudget_status_current_healthy", "Current number of healthy pods",
            STABLE, value(p -> status(p).getCurrentHealthy())),
        gauge("kube_poddisruptionbudget_status_desired_healthy",
            "Minimum desired number of healthy pods", STABLE,
            value(p -> status(p).getDesiredHealthy())),
        gauge("kube_poddisruptionbudget_status_pod_disruptions_allowed",
            "Number of pod disruptions that are currently allowed", STABLE,
            value(p -> status(p).getDisruptionsAllowed())),
        gauge("kube_poddisruptionbudget_status_expected_pods",
            "Total number of pods counted by this disruption budget", STABLE,
            value(p -> status(p).getExpectedPods())),
        gauge("kube_poddisruptionbudget_status_observed_generation",
            "Most recent generation observed when updating this PDB status", STABLE,
            value(p -> status(p).getObservedGeneration())),
        deletionTimestamp("kube_poddisruptionbudget_deletion_timestamp", ALPHA));
  }

  private static PodDisruptionBudgetStatus status(PodDisruptionBudget p) {
    return orZero(p.getStatus(), PodDisruptionBudgetStatus::new);
  }
}
