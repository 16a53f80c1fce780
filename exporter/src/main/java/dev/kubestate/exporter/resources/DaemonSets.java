package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.orZero;
import static dev.kubestate.exporter.resources.GoFields.value;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import java.util.List;

/**
 * DaemonSet families ({@code daemonsets}); identity {@code namespace}, {@code daemonset}. Every
 * status count is a value field in Go, so an absent count reads 0.
 */
public final class DaemonSets extends KubernetesKind<DaemonSet> {

  public DaemonSets() {
    super(DaemonSet.class);
  }

  @Override
  public List<Family<DaemonSet>> families(ResourceOptions options) {
    return List.of(
        created("kube_daemonset_created", STABLE),
        gauge("kube_daemonset_status_current_number_scheduled",
            "The number of nodes running at least one daemon pod and are supposed to.", STABLE,
            value(d -> status(d).getCurrentNumberScheduled())),
        gauge("kube_daemonset_status_desired_number_scheduled",
            "The number of nodes that should be running the daemon pod.", STABLE,
            value(d -> status(d).getDesiredNumberScheduled())),
        gauge("kube_daemonset_status_number_available", "The number of nodes that should be"
                + " running the daemon pod and have one or more of the daemon pod running and"
                + " available", STABLE, value(d -> status(d).getNumberAvailable())),
        gauge("kube_daemonset_status_number_misscheduled",
            "The number of nodes running a daemon pod but are not supposed to.", STABLE,
            value(d -> status(d).getNumberMisscheduled())),
        gauge("kube_daemonset_status_number_ready", "The number of nodes that should be running"
                + " the daemon pod and have one or more of the daemon pod running and ready.",
            STABLE, value(d -> status(d).getNumberReady())),
        gauge("kube_daemonset_status_number_unavailable", "The number of nodes that should be"
                + " running the daemon pod and have none of the daemon pod running and available",
            STABLE, value(d -> status(d).getNumberUnavailable())),
        gauge("kube_daemonset_status_observed_generation",
            "The most recent generation observed by the daemon set controller.", STABLE,
            value(d -> status(d).getObservedGeneration())),
        gauge("kube_daemonset_status_updated_number_scheduled",
            "The total number of nodes that are running updated daemon pod", STABLE,
            value(d -> status(d).getUpdatedNumberScheduled())),
        metadataGeneration("kube_daemonset_metadata_generation", STABLE),
        deletionTimestamp("kube_daemonset_deletion_timestamp", ALPHA),
        annotations("kube_daemonset_annotations", ALPHA, options),
        labels("kube_daemonset_labels", STABLE, options));
  }

  private static DaemonSetStatus status(DaemonSet d) {
    return orZero(d.getStatus(), DaemonSetStatus::new);
  }
}
