package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.flag;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;
import static dev.kubestate.exporter.resources.GoFields.pointer;
import static dev.kubestate.exporter.resources.GoFields.value;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.Generator;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** Deployment families ({@code deployments}); identity {@code namespace}, {@code deployment}. */
public final class Deployments extends KubernetesKind<Deployment> {

  private static final String MAX_SURGE_HELP =
      "Maximum number of replicas that can be scheduled above the desired number of replicas"
          + " during a rolling update of a deployment.";

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

  public Deployments() {
    super(Deployment.class);
  }

  @Override
  public List<Family<Deployment>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_deployment_owner", "Information about the Deployment's owner.", ALPHA,
            Deployments::owner),
        created("kube_deployment_created", STABLE),
        gauge("kube_deployment_status_replicas", "The number of replicas per deployment.", STABLE,
            value(d -> status(d).getReplicas())),
        gauge("kube_deployment_status_replicas_ready",
            "The number of ready replicas per deployment.", STABLE,
            value(d -> status(d).getReadyReplicas())),
        gauge("kube_deployment_status_replicas_available",
            "The number of available replicas per deployment.", STABLE,
            value(d -> status(d).getAvailableReplicas())),
        gauge("kube_deployment_status_replicas_unavailable",
            "The number of unavailable replicas per deployment.", STABLE,
            value(d -> status(d).getUnavailableReplicas())),
        gauge("kube_deployment_status_replicas_updated",
            "The number of updated replicas per deployment.", STABLE,
            value(d -> status(d).getUpdatedReplicas())),
        gauge("kube_deployment_status_terminating_replicas",
            "The number of terminating replicas per deployment.", ALPHA,
            pointer(d -> status(d).getTerminatingReplicas())),
        gauge("kube_deployment_status_observed_generation",
            "The generation observed by the deployment controller.", STABLE,
            value(d -> status(d).getObservedGeneration())),
        gauge("kube_deployment_status_condition",
            "The current status conditions of a deployment.", STABLE, Deployments::conditions),
        gauge("kube_deployment_spec_replicas", "Number of desired pods for a deployment.", STABLE,
            pointer(d -> spec(d).getReplicas())),
        gauge("kube_deployment_spec_paused", "Whether the deployment is paused and will not be"
                + " processed by the deployment controller.", STABLE,
            flag(d -> spec(d).getPaused())),
        gauge("kube_deployment_spec_strategy_rollingupdate_max_unavailable",
            "Maximum number of unavailable replicas during a rolling update of a deployment.",
            STABLE, rollingUpdate(RollingUpdateDeployment::getMaxUnavailable, false)),
        gauge("kube_deployment_spec_strategy_rollingupdate_max_surge", MAX_SURGE_HELP, STABLE,
            rollingUpdate(RollingUpdateDeployment::getMaxSurge, true)),
        metadataGeneration("kube_deployment_metadata_generation", STABLE),
        deletionTimestamp("kube_deployment_deletion_timestamp", ALPHA),
        annotations("kube_deployment_annotations", ALPHA, options),
        labels("kube_deployment_labels", STABLE, options));
  }

  private static DeploymentSpec spec(Deployment d) {
    return orZero(d.getSpec(), DeploymentSpec::new);
  }

  private static DeploymentStatus status(Deployment d) {
    return orZero(d.getStatus(), DeploymentStatus::new);
  }

  /**
   * One sample per owner reference with {@code owner_kind} and {@code owner_name}, or one with both
   * empty when there are none; unlike other kinds there is no {@code owner_is_controller}
   * (ksm-behaviour.md 14).
   */
  private static void owner(Deployment d, Samples out) {
    List<OwnerReference> owners = items(Metadata.meta(d).getOwnerReferences(), OwnerReference::new);
    if (owners.isEmpty()) {
      out.begin().label("owner_kind", "").label("owner_name", "").value(1);
    }
    for (OwnerReference owner : owners) {
      out.begin()
          .label("owner_kind", owner.getKind())
          .label("owner_name", owner.getName())
          .value(1);
    }
  }

  /** Labels reason, condition, status in that order (ksm-behaviour.md 14). */
  private static void conditions(Deployment d, Samples out) {
    for (DeploymentCondition c : items(status(d).getConditions(), DeploymentCondition::new)) {
      String reason = c.getReason() == null ? "" : c.getReason();
      Conditions.STATUS.write(
          out.begin()
              .label("reason", KNOWN_REASONS.contains(reason) ? reason : "unknown")
              .label("condition", c.getType()),
          c.getStatus());
    }
  }

  /**
   * maxUnavailable or maxSurge resolved against {@code spec.replicas}: no sample without a rolling
   * update, replicas or the value, nor for a value that is neither an integer nor a percentage
   * (KSM's error path returns an empty family).
   */
  private static Generator<Deployment> rollingUpdate(
      Function<RollingUpdateDeployment, IntOrString> field, boolean roundUp) {
    return (d, out) -> {
      DeploymentSpec spec = spec(d);
      if (spec.getStrategy() == null
          || spec.getStrategy().getRollingUpdate() == null
          || spec.getReplicas() == null) {
        return;
      }
      IntOrString value = field.apply(spec.getStrategy().getRollingUpdate());
      double scaled =
          value == null
              ? Double.NaN
              : IntOrPercent.scaled(value.getValue(), spec.getReplicas(), roundUp);
      if (!Double.isNaN(scaled)) {
        out.sample(scaled);
      }
    };
  }
}
