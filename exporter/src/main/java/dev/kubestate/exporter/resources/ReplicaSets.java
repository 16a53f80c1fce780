package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.orZero;
import static dev.kubestate.exporter.resources.GoFields.pointer;
import static dev.kubestate.exporter.resources.GoFields.value;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetSpec;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.util.List;

/** ReplicaSet families ({@code replicasets}); identity {@code namespace}, {@code replicaset}. */
public final class ReplicaSets extends KubernetesKind<ReplicaSet> {

  public ReplicaSets() {
    super(ReplicaSet.class);
  }

  @Override
  public List<Family<ReplicaSet>> families(ResourceOptions options) {
    return List.of(
        created("kube_replicaset_created", STABLE),
        gauge("kube_replicaset_status_replicas", "The number of replicas per ReplicaSet.", STABLE,
            value(rs -> status(rs).getReplicas())),
        gauge("kube_replicaset_status_fully_labeled_replicas",
            "The number of fully labeled replicas per ReplicaSet.", STABLE,
            value(rs -> status(rs).getFullyLabeledReplicas())),
        gauge("kube_replicaset_status_ready_replicas",
            "The number of ready replicas per ReplicaSet.", STABLE,
            value(rs -> status(rs).getReadyReplicas())),
        gauge("kube_replicaset_status_terminating_replicas",
            "The number of terminating replicas per ReplicaSet.", ALPHA,
            pointer(rs -> status(rs).getTerminatingReplicas())),
        gauge("kube_replicaset_status_observed_generation",
            "The generation observed by the ReplicaSet controller.", STABLE,
            value(rs -> status(rs).getObservedGeneration())),
        gauge("kube_replicaset_spec_replicas", "Number of desired pods for a ReplicaSet.", STABLE,
            pointer(rs -> spec(rs).getReplicas())),
        metadataGeneration("kube_replicaset_metadata_generation", STABLE),
        owner("kube_replicaset_owner", STABLE),
        annotations("kube_replicaset_annotations", ALPHA, options),
        labels("kube_replicaset_labels", STABLE, options));
  }

  private static ReplicaSetSpec spec(ReplicaSet rs) {
    return orZero(rs.getSpec(), ReplicaSetSpec::new);
  }

  private static ReplicaSetStatus status(ReplicaSet rs) {
    return orZero(rs.getStatus(), ReplicaSetStatus::new);
  }
}
