package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.DeclaredKind;
import dev.kubestate.exporter.metrics.DeclaredKind.Scope;
import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.Generator;
import dev.kubestate.exporter.metrics.IdentityLabels;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import java.util.List;
import java.util.function.Function;

/**
 * ReplicaSet families ({@code replicasets}). Identity labels: {@code namespace}, {@code
 * replicaset}.
 */
public final class ReplicaSets extends DeclaredKind<ReplicaSet> {

  public ReplicaSets() {
    super("replicasets", ReplicaSet.class, "*v1.ReplicaSet", Scope.NAMESPACED, true);
  }

  @Override
  public void identity(ReplicaSet rs, IdentityLabels out) {
    ObjectMeta meta = Metadata.meta(rs);
    out.add("namespace", meta.getNamespace()).add("replicaset", meta.getName());
  }

  @Override
  public List<Family<ReplicaSet>> families(ResourceOptions options) {
    return List.of(
        Family.<ReplicaSet>gauge("kube_replicaset_created", "Unix creation timestamp")
            .stable()
            .with(Metadata::created),
        Family.<ReplicaSet>gauge(
                "kube_replicaset_status_replicas", "The number of replicas per ReplicaSet.")
            .stable()
            .with(status(ReplicaSetStatus::getReplicas)),
        Family.<ReplicaSet>gauge(
                "kube_replicaset_status_fully_labeled_replicas",
                "The number of fully labeled replicas per ReplicaSet.")
            .stable()
            .with(status(ReplicaSetStatus::getFullyLabeledReplicas)),
        Family.<ReplicaSet>gauge(
                "kube_replicaset_status_ready_replicas",
                "The number of ready replicas per ReplicaSet.")
            .stable()
            .with(status(ReplicaSetStatus::getReadyReplicas)),
        Family.<ReplicaSet>gauge(
                "kube_replicaset_status_terminating_replicas",
                "The number of terminating replicas per ReplicaSet.")
            .with(ReplicaSets::terminatingReplicas),
        Family.<ReplicaSet>gauge(
                "kube_replicaset_status_observed_generation",
                "The generation observed by the ReplicaSet controller.")
            .stable()
            .with(status(ReplicaSetStatus::getObservedGeneration)),
        Family.<ReplicaSet>gauge(
                "kube_replicaset_spec_replicas", "Number of desired pods for a ReplicaSet.")
            .stable()
            .with(ReplicaSets::specReplicas),
        Family.<ReplicaSet>gauge(
                "kube_replicaset_metadata_generation",
                "Sequence number representing a specific generation of the desired state.")
            .stable()
            .with(Metadata::generation),
        Family.<ReplicaSet>gauge(
                "kube_replicaset_owner", "Information about the ReplicaSet's owner.")
            .stable()
            .with(Metadata::owners),
        Metadata.annotations("kube_replicaset_annotations", options.annotations()),
        Metadata.labels("kube_replicaset_labels", options.labels()));
  }

  private static ReplicaSetStatus status(ReplicaSet rs) {
    return rs.getStatus() != null ? rs.getStatus() : new ReplicaSetStatus();
  }

  /** A status count that Kubernetes always sets (a Go value field): 0 when absent. */
  private static Generator<ReplicaSet> status(Function<ReplicaSetStatus, ? extends Number> field) {
    return (rs, out) -> {
      Number n = field.apply(status(rs));
      out.sample(n == null ? 0 : n.doubleValue());
    };
  }

  /** A pointer in the API: no sample when unset. */
  private static void terminatingReplicas(ReplicaSet rs, Samples out) {
    Integer n = status(rs).getTerminatingReplicas();
    if (n != null) {
      out.sample(n);
    }
  }

  /** A pointer in the API: no sample when unset. */
  private static void specReplicas(ReplicaSet rs, Samples out) {
    Integer n = rs.getSpec() == null ? null : rs.getSpec().getReplicas();
    if (n != null) {
      out.sample(n);
    }
  }
}
