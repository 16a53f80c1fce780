package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.orZero;
import static dev.kubestate.exporter.resources.GoFields.pointer;
import static dev.kubestate.exporter.resources.GoFields.value;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetOrdinals;
import io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy;
import io.fabric8.kubernetes.api.model.apps.StatefulSetSpec;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.List;

/** StatefulSet families ({@code statefulsets}); identity {@code namespace}, {@code statefulset}. */
public final class StatefulSets extends KubernetesKind<StatefulSet> {

  public StatefulSets() {
    super(StatefulSet.class);
  }

  @Override
  public List<Family<StatefulSet>> families(ResourceOptions options) {
    return List.of(
        created("kube_statefulset_created", STABLE),
        gauge("kube_statefulset_status_replicas", "The number of replicas per StatefulSet.", STABLE,
            value(s -> status(s).getReplicas())),
        gauge("kube_statefulset_status_replicas_available",
            "The number of available replicas per StatefulSet.", STABLE,
            value(s -> status(s).getAvailableReplicas())),
        gauge("kube_statefulset_status_replicas_current",
            "The number of current replicas per StatefulSet.", STABLE,
            value(s -> status(s).getCurrentReplicas())),
        gauge("kube_statefulset_status_replicas_ready",
            "The number of ready replicas per StatefulSet.", STABLE,
            value(s -> status(s).getReadyReplicas())),
        gauge("kube_statefulset_status_replicas_updated",
            "The number of updated replicas per StatefulSet.", STABLE,
            value(s -> status(s).getUpdatedReplicas())),
        gauge("kube_statefulset_status_observed_generation",
            "The generation observed by the StatefulSet controller.", STABLE,
            value(s -> status(s).getObservedGeneration())),
        gauge("kube_statefulset_replicas", "Number of desired pods for a StatefulSet.", STABLE,
            pointer(s -> spec(s).getReplicas())),
        gauge("kube_statefulset_ordinals_start", "Start ordinal of the StatefulSet.", STABLE,
            StatefulSets::ordinalsStart),
        metadataGeneration("kube_statefulset_metadata_generation", "Sequence number representing a"
            + " specific generation of the desired state for the StatefulSet.", STABLE),
        gauge("kube_statefulset_persistentvolumeclaim_retention_policy",
            "Count of retention policy for StatefulSet template PVCs", STABLE,
            StatefulSets::persistentVolumeClaimRetentionPolicy),
        annotations("kube_statefulset_annotations", STABLE, options),
        labels("kube_statefulset_labels", STABLE, options),
        gauge("kube_statefulset_status_current_revision", "Indicates the version of the"
                + " StatefulSet used to generate Pods in the sequence [0,currentReplicas).", STABLE,
            (s, out) -> out.sample("revision", status(s).getCurrentRevision(), 1)),
        gauge("kube_statefulset_status_update_revision", "Indicates the version of the StatefulSet"
                + " used to generate Pods in the sequence [replicas-updatedReplicas,replicas)",
            STABLE, (s, out) -> out.sample("revision", status(s).getUpdateRevision(), 1)),
        deletionTimestamp("kube_statefulset_deletion_timestamp", STABLE));
  }

  private static StatefulSetSpec spec(StatefulSet s) {
    return orZero(s.getSpec(), StatefulSetSpec::new);
  }

  private static StatefulSetStatus status(StatefulSet s) {
    return orZero(s.getStatus(), StatefulSetStatus::new);
  }

  /**
   * {@code spec.ordinals.start}: {@code ordinals} is a pointer (no sample when absent) whose
   * {@code start} is a value (0 when absent).
   */
  private static void ordinalsStart(StatefulSet s, Samples out) {
    StatefulSetOrdinals ordinals = spec(s).getOrdinals();
    if (ordinals != null) {
      out.sample(ordinals.getStart() == null ? 0 : ordinals.getStart());
    }
  }

  /**
   * One sample labelled {@code when_deleted}, {@code when_scaled} when either policy field is
   * non-empty; none when the policy is absent or both fields are empty (TSV value column).
   */
  private static void persistentVolumeClaimRetentionPolicy(StatefulSet s, Samples out) {
    StatefulSetPersistentVolumeClaimRetentionPolicy policy =
        spec(s).getPersistentVolumeClaimRetentionPolicy();
    if (policy == null) {
      return;
    }
    String whenDeleted = policy.getWhenDeleted() == null ? "" : policy.getWhenDeleted();
    String whenScaled = policy.getWhenScaled() == null ? "" : policy.getWhenScaled();
    if (!whenDeleted.isEmpty() || !whenScaled.isEmpty()) {
      out.begin().label("when_deleted", whenDeleted).label("when_scaled", whenScaled).value(1);
    }
  }
}
