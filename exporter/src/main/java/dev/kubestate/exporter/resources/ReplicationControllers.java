package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.orZero;
import static dev.kubestate.exporter.resources.GoFields.pointer;
import static dev.kubestate.exporter.resources.GoFields.value;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerSpec;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import java.util.List;

/**
 * ReplicationController families ({@code replicationcontrollers}); identity {@code namespace},
 * {@code replicationcontroller}. KSM gives this kind no labels or annotations family, so the
 * allowlists do not apply to it (reference/ksm-behaviour.md 1). Immutable and thread-safe.
 */
public final class ReplicationControllers extends KubernetesKind<ReplicationController> {

  public ReplicationControllers() {
    super(ReplicationController.class);
  }

  @Override
  public List<Family<ReplicationController>> families(ResourceOptions options) {
    return List.of(
        created("kube_replicationcontroller_created", STABLE),
        gauge("kube_replicationcontroller_status_replicas",
            "The number of replicas per ReplicationController.", STABLE,
            value(rc -> status(rc).getReplicas())),
        gauge("kube_replicationcontroller_status_fully_labeled_replicas",
            "The number of fully labeled replicas per ReplicationController.", STABLE,
            value(rc -> status(rc).getFullyLabeledReplicas())),
        gauge("kube_replicationcontroller_status_ready_replicas",
            "The number of ready replicas per ReplicationController.", STABLE,
            value(rc -> status(rc).getReadyReplicas())),
        gauge("kube_replicationcontroller_status_available_replicas",
            "The number of available replicas per ReplicationController.", STABLE,
            value(rc -> status(rc).getAvailableReplicas())),
        gauge("kube_replicationcontroller_status_observed_generation",
            "The generation observed by the ReplicationController controller.", STABLE,
            value(rc -> status(rc).getObservedGeneration())),
        gauge("kube_replicationcontroller_spec_replicas",
            "Number of desired pods for a ReplicationController.", STABLE,
            pointer(rc -> spec(rc).getReplicas())),
        metadataGeneration("kube_replicationcontroller_metadata_generation", STABLE),
        owner("kube_replicationcontroller_owner", ALPHA));
  }

  private static ReplicationControllerSpec spec(ReplicationController rc) {
    return orZero(rc.getSpec(), ReplicationControllerSpec::new);
  }

  private static ReplicationControllerStatus status(ReplicationController rc) {
    return orZero(rc.getStatus(), ReplicationControllerStatus::new);
  }
}
