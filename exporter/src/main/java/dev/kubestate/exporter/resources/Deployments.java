package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.DeclaredKind;
import dev.kubestate.exporter.metrics.DeclaredKind.Scope;
import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.Generator;
import dev.kubestate.exporter.metrics.IdentityLabels;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Deployment families ({@code deployments}). Identity labels: {@code namespace}, {@code
 * deployment}.
 */
public final class Deployments extends DeclaredKind<Deployment> {

  public Deployments() {
    super("deployments", Deployment.class, "*v1.Deployment", Scope.NAMESPACED, true);
  }

  /**
   * Condition reasons the deployment controller sets; any other reason is exported as {@code
   * unknown} to bound cardinality (the TSV value column of {@code
   * kube_deployment_status_condition}).
   */
  private static final Set<String> KNOWN_REASONS =
      Set.of(
          "",
          "ReplicaSetUpdated",
          "ReplicaSetCreateError",
          "NewReplicaSetCreated",
          "FoundNewReplicaSet",
          "NewReplicaSetAvailable",
          "ProgressDeadlineExceeded",
          "DeploymentPaused",
          "DeploymentResumed",
          "MinimumReplicasAvailable",
          "MinimumReplicasUnavailable");

  @Override
  public void identity(Deployment d, IdentityLabels out) {
    ObjectMeta meta = Metadata.meta(d);
    out.add("namespace", meta.getNamespace()).add("deployment", meta.getName());
  }

  @Override
  public List<Family<Deployment>> families(ResourceOptions options) {
    return List.of(
        Family.<Deployment>gauge(
                "kube_deployment_owner", "Information about the Deployment's owner.")
            .with(Deployments::owner),
        Family.<Deployment>gauge("kube_deployment_created", "Unix creation timestamp")
            .stable()
            .with(Metadata::created),
        Family.<Deployment>gauge(
                "kube_deployment_status_replicas", "The number of replicas per deployment.")
            .stable()
            .with(status(DeploymentStatus::getReplicas)),
        Family.<Deployment>gauge(
                "kube_deployment_status_replicas_ready",
                "The number of ready replicas per deployment.")
            .stable()
            .with(status(DeploymentStatus::getReadyReplicas)),
        Family.<Deployment>gauge(
                "kube_deployment_status_replicas_available",
                "The number of available replicas per deployment.")
            .stable()
            .with(status(DeploymentStatus::getAvailableReplicas)),
        Family.<Deployment>gauge(
                "kube_deployment_status_replicas_unavailable",
                "The number of unavailable replicas per deployment.")
            .stable()
            .with(status(DeploymentStatus::getUnavailableReplicas)),
        Family.<Deployment>gauge(
                "kube_deployment_status_replicas_updated",
                "The number of updated replicas per deployment.")
            .stable()
            .with(status(DeploymentStatus::getUpdatedReplicas)),
        Family.<Deployment>gauge(
                "kube_deployment_status_terminating_replicas",
                "The number of terminating replicas per deployment.")
            .with(Deployments::terminatingReplicas),
        Family.<Deployment>gauge(
                "kube_deployment_status_observed_generation",
                "The generation observed by the deployment controller.")
            .stable()
            .with(status(DeploymentStatus::getObservedGeneration)),
        Family.<Deployment>gauge(
                "kube_deployment_status_condition",
                "The current status conditions of a deployment.")
            .stable()
            .with(Deployments::conditions),
        Family.<Deployment>gauge(
                "kube_deployment_spec_replicas", "Number of desired pods for a deployment.")
            .stable()
            .with(Deployments::specReplicas),
        Family.<Deployment>gauge(
                "kube_deployment_spec_paused",
                "Whether the deployment is paused and will not be processed by the deployment"
                    + " controller.")
            .stable()
            .with((d, out) -> out.sample(Boolean.TRUE.equals(spec(d).getPaused()) ? 1 : 0)),
        Family.<Deployment>gauge(
                "kube_deployment_spec_strategy_rollingupdate_max_unavailable",
                "Maximum number of unavailable replicas during a rolling update of a deployment.")
            .stable()
            .with(
                (d, out) ->
                    rollingUpdate(d, RollingUpdateDeployment::getMaxUnavailable, false, out)),
        Family.<Deployment>gauge(
                "kube_deployment_spec_strategy_rollingupdate_max_surge",
                "Maximum number of replicas that can be scheduled above the desired number of"
                    + " replicas during a rolling update of a deployment.")
            .stable()
            .with((d, out) -> rollingUpdate(d, RollingUpdateDeployment::getMaxSurge, true, out)),
        Family.<Deployment>gauge(
                "kube_deployment_metadata_generation",
                "Sequence number representing a specific generation of the desired state.")
            .stable()
            .with(Metadata::generation),
        Family.<Deployment>gauge("kube_deployment_deletion_timestamp", "Unix deletion timestamp")
            .with(Metadata::deletionTimestamp),
        Metadata.annotations("kube_deployment_annotations", options.annotations()),
        Metadata.labels("kube_deployment_labels", options.labels()));
  }

  private static DeploymentSpec spec(Deployment d) {
    return d.getSpec() != null ? d.getSpec() : new DeploymentSpec();
  }

  private static DeploymentStatus status(Deployment d) {
    return d.getStatus() != null ? d.getStatus() : new DeploymentStatus();
  }

  /** A status count that Kubernetes always sets (a Go value field): 0 when absent. */
  private static Generator<Deployment> status(Function<DeploymentStatus, ? extends Number> field) {
    return (d, out) -> {
      Number n = field.apply(status(d));
      out.sample(n == null ? 0 : n.doubleValue());
    };
  }

  /**
   * One sample per owner reference with {@code owner_kind} and {@code owner_name}, or one with both
   * empty when there are none; unlike other kinds there is no {@code owner_is_controller}
   * (ksm-behaviour.md 14).
   */
  private static void owner(Deployment d, Samples out) {
    List<OwnerReference> owners = Metadata.meta(d).getOwnerReferences();
    if (owners == null || owners.isEmpty()) {
      out.begin().label("owner_kind", "").label("owner_name", "").value(1);
      return;
    }
    for (OwnerReference r : owners) {
      OwnerReference owner = r != null ? r : new OwnerReference();
      out.begin()
          .label("owner_kind", owner.getKind())
          .label("owner_name", owner.getName())
          .value(1);
    }
  }

  /** A pointer in the API: no sample when unset. */
  private static void terminatingReplicas(Deployment d, Samples out) {
    Integer n = status(d).getTerminatingReplicas();
    if (n != null) {
      out.sample(n);
    }
  }

  /** Labels reason, condition, status in that order (ksm-behaviour.md 14). */
  private static void conditions(Deployment d, Samples out) {
    List<DeploymentCondition> conditions = status(d).getConditions();
    if (conditions == null) {
      return;
    }
    for (DeploymentCondition c : conditions) {
      DeploymentCondition cond = c != null ? c : new DeploymentCondition();
      String reason = cond.getReason() == null ? "" : cond.getReason();
      Conditions.write(
          out,
          "reason",
          KNOWN_REASONS.contains(reason) ? reason : "unknown",
          "condition",
          cond.getType(),
          "status",
          cond.getStatus());
    }
  }

  /** A pointer in the API: no sample when unset. */
  private static void specReplicas(Deployment d, Samples out) {
    Integer n = spec(d).getReplicas();
    if (n != null) {
      out.sample(n);
    }
  }

  /**
   * maxUnavailable or maxSurge resolved against {@code spec.replicas}: no sample without a rolling
   * update, replicas or the value.
   *
   * @throws IllegalArgumentException for a value that is neither an integer nor a percentage
   */
  private static void rollingUpdate(
      Deployment d,
      Function<RollingUpdateDeployment, IntOrString> field,
      boolean roundUp,
      Samples out) {
    DeploymentSpec spec = spec(d);
    if (spec.getStrategy() == null
        || spec.getStrategy().getRollingUpdate() == null
        || spec.getReplicas() == null) {
      return;
    }
    IntOrString value = field.apply(spec.getStrategy().getRollingUpdate());
    if (value == null || value.getValue() == null) {
      return;
    }
    out.sample(IntOrPercent.scaled(value.getValue(), spec.getReplicas(), roundUp));
  }
}
