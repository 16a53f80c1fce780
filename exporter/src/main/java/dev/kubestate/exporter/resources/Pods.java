package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.orZero;
import static dev.kubestate.exporter.resources.GoFields.timestamp;
import static dev.kubestate.exporter.resources.PodContainers.Group.CONTAINERS;
import static dev.kubestate.exporter.resources.PodContainers.Group.INIT_CONTAINERS;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.List;

/**
 * Pod families ({@code pods}); identity {@code namespace}, {@code pod}, {@code uid}.
 *
 * <p>The table lists all 60 families in KSM's declaration order, which is the output order
 * (reference/ksm-metrics.tsv). Generators live by sub-object: {@link PodContainers} (containers and
 * init containers), {@link PodStatusFamilies} (phase, conditions, reasons, times), {@link
 * PodSpecFamilies} (info, IPs, scheduling settings) and {@link PodVolumes} (volume and resource
 * claims). Immutable and thread-safe.
 */
public final class Pods extends KubernetesKind<Pod> {

  private static final String LIMITS_HELP =
      "The number of requested limit resource by a container. It is recommended to use the"
          + " kube_pod_resource_limits metric exposed by kube-scheduler instead, as it is more"
          + " precise.";
  private static final String REQUESTS_HELP =
      "The number of requested request resource by a container. It is recommended to use the"
          + " kube_pod_resource_requests metric exposed by kube-scheduler instead, as it is more"
          + " precise.";
  private static final String RESOURCECLAIM_INFO_HELP =
      "Information about a DRA ResourceClaim referenced by a pod, one series per"
          + " pod.spec.resourceClaims entry; claim_name is the pod-local reference and"
          + " resourceclaim_name is the resolved ResourceClaim object name.";
  private static final String CLAIMS_READONLY_HELP =
      "Describes whether a persistentvolumeclaim is mounted read only. Ephemeral volumes always"
          + " report 0 since the ephemeral volume source does not support a read-only flag.";

  public Pods() {
    super(Pod.class, Identity.<Pod>namespaced("pod").andUid());
  }

  /** Pods follow {@code --node} and {@code --track-unscheduled-pods}. */
  @Override
  public boolean nodeScoped() {
    return true;
  }

  @Override
  public List<Family<Pod>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_pod_completion_time", "Completion time in unix timestamp for a pod.", STABLE,
            PodStatusFamilies::completionTime),
        gauge("kube_pod_container_info", "Information about a container in a pod.", STABLE,
            PodContainers.info(CONTAINERS)),
        gauge("kube_pod_container_resource_limits", LIMITS_HELP, STABLE,
            PodContainers.limits(CONTAINERS)),
        gauge("kube_pod_container_resource_requests", REQUESTS_HELP, STABLE,
            PodContainers.requests(CONTAINERS)),
        gauge("kube_pod_container_state_started",
            "Start time in unix timestamp for a pod container.", STABLE,
            PodContainers.stateStarted(CONTAINERS)),
        gauge("kube_pod_container_status_last_terminated_reason",
            "Describes the last reason the container was in terminated state.", ALPHA,
            PodContainers.lastTerminatedReason(CONTAINERS)),
        gauge("kube_pod_container_status_last_terminated_exitcode",
            "Describes the exit code for the last container in terminated state.", ALPHA,
            PodContainers.lastTerminatedExitCode(CONTAINERS)),
        gauge("kube_pod_container_status_last_terminated_timestamp",
            "Last terminated time for a pod container in unix timestamp.", ALPHA,
            PodContainers.lastTerminatedTimestamp(CONTAINERS)),
        gauge("kube_pod_container_status_ready",
            "Describes whether the containers readiness check succeeded.", STABLE,
            PodContainers.ready(CONTAINERS)),
        counter("kube_pod_container_status_restarts_total",
            "The number of container restarts per container.", STABLE,
            PodContainers.restarts(CONTAINERS)),
        gauge("kube_pod_container_status_running",
            "Describes whether the container is currently in running state.", STABLE,
            PodContainers.running(CONTAINERS)),
        gauge("kube_pod_container_status_terminated",
            "Describes whether the container is currently in terminated state.", STABLE,
            PodContainers.terminated(CONTAINERS)),
        gauge("kube_pod_container_status_terminated_reason",
            "Describes the reason the container is currently in terminated state.", ALPHA,
            PodContainers.terminatedReason(CONTAINERS)),
        gauge("kube_pod_container_status_waiting",
            "Describes whether the container is currently in waiting state.", STABLE,
            PodContainers.waiting(CONTAINERS)),
        gauge("kube_pod_container_status_waiting_reason",
            "Describes the reason the container is currently in waiting state.", STABLE,
            PodContainers.waitingReason(CONTAINERS)),
        created("kube_pod_created", STABLE),
        deletionTimestamp("kube_pod_deletion_timestamp", ALPHA),
        gauge("kube_pod_info", "Information about pod.", STABLE, PodSpecFamilies::info),
        gauge("kube_pod_ips", "Pod IP addresses", ALPHA, PodSpecFamilies::ips),
        gauge("kube_pod_init_container_info", "Information about an init container in a pod.",
            STABLE, PodContainers.info(INIT_CONTAINERS)),
        gauge("kube_pod_init_container_resource_limits",
            "The number of requested limit resource by an init container.", ALPHA,
            PodContainers.limits(INIT_CONTAINERS)),
        gauge("kube_pod_init_container_resource_requests",
            "The number of requested request resource by an init container.", ALPHA,
            PodContainers.requests(INIT_CONTAINERS)),
        gauge("kube_pod_init_container_state_started",
            "Start time in unix timestamp for a pod init container.", ALPHA,
            PodContainers.stateStarted(INIT_CONTAINERS)),
        gauge("kube_pod_init_container_status_last_terminated_reason",
            "Describes the last reason the init container was in terminated state.", ALPHA,
            PodContainers.lastTerminatedReason(INIT_CONTAINERS)),
        gauge("kube_pod_init_container_status_last_terminated_exitcode",
            "Describes the exit code for the last init container in terminated state.", ALPHA,
            PodContainers.lastTerminatedExitCode(INIT_CONTAINERS)),
        gauge("kube_pod_init_container_status_last_terminated_timestamp",
            "Last terminated time for a pod init container in unix timestamp.", ALPHA,
            PodContainers.lastTerminatedTimestamp(INIT_CONTAINERS)),
        gauge("kube_pod_init_container_status_ready",
            "Describes whether the init containers readiness check succeeded.", STABLE,
            PodContainers.ready(INIT_CONTAINERS)),
        counter("kube_pod_init_container_status_restarts_total",
            "The number of restarts for the init container.", STABLE,
            PodContainers.restarts(INIT_CONTAINERS)),
        gauge("kube_pod_init_container_status_running",
            "Describes whether the init container is currently in running state.", STABLE,
            PodContainers.running(INIT_CONTAINERS)),
        gauge("kube_pod_init_container_status_terminated",
            "Describes whether the init container is currently in terminated state.", STABLE,
            PodContainers.terminated(INIT_CONTAINERS)),
        gauge("kube_pod_init_container_status_terminated_reason",
            "Describes the reason the init container is currently in terminated state.", ALPHA,
            PodContainers.terminatedReason(INIT_CONTAINERS)),
        gauge("kube_pod_init_container_status_waiting",
            "Describes whether the init container is currently in waiting state.", STABLE,
            PodContainers.waiting(INIT_CONTAINERS)),
        gauge("kube_pod_init_container_status_waiting_reason",
            "Describes the reason the init container is currently in waiting state.", ALPHA,
            PodContainers.waitingReason(INIT_CONTAINERS)),
        annotations("kube_pod_annotations", ALPHA, options),
        labels("kube_pod_labels", STABLE, options),
        gauge("kube_pod_overhead_cpu_cores",
            "The pod overhead in regards to cpu cores associated with running a pod.", ALPHA,
            PodSpecFamilies::overheadCpu),
        gauge("kube_pod_overhead_memory_bytes",
            "The pod overhead in regards to memory associated with running a pod.", ALPHA,
            PodSpecFamilies::overheadMemory),
        owner("kube_pod_owner", STABLE),
        gauge("kube_pod_resourceclaim_info", RESOURCECLAIM_INFO_HELP, ALPHA,
            PodVolumes::resourceClaimInfo),
        gauge("kube_pod_restart_policy", "Describes the restart policy in use by this pod.",
            STABLE, PodSpecFamilies::restartPolicy),
        gauge("kube_pod_runtimeclass_name_info", "The runtimeclass associated with the pod.",
            ALPHA, PodSpecFamilies::runtimeClass),
        gauge("kube_pod_spec_volumes_persistentvolumeclaims_info",
            "Information about persistentvolumeclaim and ephemeral volumes in a pod.", STABLE,
            PodVolumes::claimsInfo),
        gauge("kube_pod_spec_volumes_persistentvolumeclaims_readonly", CLAIMS_READONLY_HELP,
            STABLE, PodVolumes::claimsReadOnly),
        gauge("kube_pod_start_time", "Start time in unix timestamp for a pod.", STABLE,
            timestamp(p -> status(p).getStartTime())),
        gauge("kube_pod_status_phase", "The pods current phase.", STABLE,
            PodStatusFamilies::phase),
        gauge("kube_pod_status_qos_class", "The pods current qosClass.", ALPHA,
            PodStatusFamilies::qosClass),
        gauge("kube_pod_status_ready", "Describes whether the pod is ready to serve requests.",
            STABLE, PodStatusFamilies::ready),
        gauge("kube_pod_status_ready_time", "Readiness achieved time in unix timestamp for a pod.",
            ALPHA, PodStatusFamilies::readyTime),
        gauge("kube_pod_status_initialized_time",
            "Initialized time in unix timestamp for a pod.", ALPHA,
            PodStatusFamilies::initializedTime),
        gauge("kube_pod_status_container_ready_time",
            "Readiness achieved time in unix timestamp for a pod containers.", ALPHA,
            PodStatusFamilies::containersReadyTime),
        gauge("kube_pod_status_reason", "The pod status reasons", ALPHA,
            PodStatusFamilies::reason),
        gauge("kube_pod_status_disruption_reason", "The pod disruption condition reason", ALPHA,
            PodStatusFamilies::disruptionReason),
        gauge("kube_pod_status_scheduled",
            "Describes the status of the scheduling process for the pod.", STABLE,
            PodStatusFamilies::scheduled),
        gauge("kube_pod_status_scheduled_time",
            "Unix timestamp when pod moved into scheduled status", STABLE,
            PodStatusFamilies::scheduledTime),
        gauge("kube_pod_status_unschedulable",
            "Describes the unschedulable status for the pod.", STABLE,
            PodStatusFamilies::unschedulable),
        gauge("kube_pod_status_unscheduled_time",
            "Unix timestamp when pod moved into unscheduled status", ALPHA,
            PodStatusFamilies::unscheduledTime),
        gauge("kube_pod_tolerations", "Information about the pod tolerations", ALPHA,
            PodSpecFamilies::tolerations),
        gauge("kube_pod_nodeselectors", "Describes the Pod nodeSelectors.", ALPHA,
            PodSpecFamilies::nodeSelectors).optIn(),
        gauge("kube_pod_service_account", "The service account for a pod.", ALPHA,
            PodSpecFamilies::serviceAccount),
        gauge("kube_pod_scheduler", "The scheduler for a pod.", ALPHA,
            PodSpecFamilies::scheduler));
  }

  /** {@code spec}, or an empty one, so generators never see null. */
  static PodSpec spec(Pod pod) {
    return orZero(pod.getSpec(), PodSpec::new);
  }

  /** {@code status}, or an empty one, so generators never see null. */
  static PodStatus status(Pod pod) {
    return orZero(pod.getStatus(), PodStatus::new);
  }
}
