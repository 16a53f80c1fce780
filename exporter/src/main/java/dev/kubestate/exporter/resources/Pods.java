package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.resources.PodContainers.Group.CONTAINERS;
import static dev.kubestate.exporter.resources.PodContainers.Group.INIT_CONTAINERS;

import dev.kubestate.exporter.metrics.DeclaredKind;
import dev.kubestate.exporter.metrics.DeclaredKind.Scope;
import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.IdentityLabels;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import java.util.List;

/**
 * Pod families ({@code pods}). Identity labels: {@code namespace}, {@code pod}, {@code uid}.
 *
 * <p>The table lists all 60 families in KSM's declaration order, which is the output order
 * (reference/ksm-metrics.tsv). Generators live by sub-object: {@link PodContainers} (containers and
 * init containers), {@link PodStatusFamilies} (phase, conditions, reasons, times), {@link
 * PodSpecFamilies} (info, IPs, scheduling settings), {@link PodVolumes} (volume and resource
 * claims) and {@link Metadata}. Immutable and thread-safe.
 */
public final class Pods extends DeclaredKind<Pod> {

  public Pods() {
    super("pods", Pod.class, "*v1.Pod", Scope.NAMESPACED, true);
  }

  @Override
  public void identity(Pod pod, IdentityLabels out) {
    out.add("namespace", Metadata.meta(pod).getNamespace())
        .add("pod", Metadata.meta(pod).getName())
        .add("uid", Metadata.meta(pod).getUid());
  }

  @Override
  public List<Family<Pod>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_pod_completion_time", "Completion time in unix timestamp for a pod.")
            .stable()
            .with(PodStatusFamilies::completionTime),
        gauge("kube_pod_container_info", "Information about a container in a pod.")
            .stable()
            .with(PodContainers.info(CONTAINERS)),
        gauge(
                "kube_pod_container_resource_limits",
                "The number of requested limit resource by a container. It is recommended to use"
                    + " the kube_pod_resource_limits metric exposed by kube-scheduler instead, as"
                    + " it is more precise.")
            .stable()
            .with(PodContainers.limits(CONTAINERS)),
        gauge(
                "kube_pod_container_resource_requests",
                "The number of requested request resource by a container. It is recommended to use"
                    + " the kube_pod_resource_requests metric exposed by kube-scheduler instead, as"
                    + " it is more precise.")
            .stable()
            .with(PodContainers.requests(CONTAINERS)),
        gauge(
                "kube_pod_container_state_started",
                "Start time in unix timestamp for a pod container.")
            .stable()
            .with(PodContainers.stateStarted(CONTAINERS)),
        gauge(
                "kube_pod_container_status_last_terminated_reason",
                "Describes the last reason the container was in terminated state.")
            .with(PodContainers.lastTerminatedReason(CONTAINERS)),
        gauge(
                "kube_pod_container_status_last_terminated_exitcode",
                "Describes the exit code for the last container in terminated state.")
            .with(PodContainers.lastTerminatedExitCode(CONTAINERS)),
        gauge(
                "kube_pod_container_status_last_terminated_timestamp",
                "Last terminated time for a pod container in unix timestamp.")
            .with(PodContainers.lastTerminatedTimestamp(CONTAINERS)),
        gauge(
                "kube_pod_container_status_ready",
                "Describes whether the containers readiness check succeeded.")
            .stable()
            .with(PodContainers.ready(CONTAINERS)),
        counter(
                "kube_pod_container_status_restarts_total",
                "The number of container restarts per container.")
            .stable()
            .with(PodContainers.restarts(CONTAINERS)),
        gauge(
                "kube_pod_container_status_running",
                "Describes whether the container is currently in running state.")
            .stable()
            .with(PodContainers.running(CONTAINERS)),
        gauge(
                "kube_pod_container_status_terminated",
                "Describes whether the container is currently in terminated state.")
            .stable()
            .with(PodContainers.terminated(CONTAINERS)),
        gauge(
                "kube_pod_container_status_terminated_reason",
                "Describes the reason the container is currently in terminated state.")
            .with(PodContainers.terminatedReason(CONTAINERS)),
        gauge(
                "kube_pod_container_status_waiting",
                "Describes whether the container is currently in waiting state.")
            .stable()
            .with(PodContainers.waiting(CONTAINERS)),
        gauge(
                "kube_pod_container_status_waiting_reason",
                "Describes the reason the container is currently in waiting state.")
            .stable()
            .with(PodContainers.waitingReason(CONTAINERS)),
        gauge("kube_pod_created", "Unix creation timestamp").stable().with(Metadata::created),
        gauge("kube_pod_deletion_timestamp", "Unix deletion timestamp")
            .with(Metadata::deletionTimestamp),
        gauge("kube_pod_info", "Information about pod.").stable().with(PodSpecFamilies::info),
        gauge("kube_pod_ips", "Pod IP addresses").with(PodSpecFamilies::ips),
        gauge("kube_pod_init_container_info", "Information about an init container in a pod.")
            .stable()
            .with(PodContainers.info(INIT_CONTAINERS)),
        gauge(
                "kube_pod_init_container_resource_limits",
                "The number of requested limit resource by an init container.")
            .with(PodContainers.limits(INIT_CONTAINERS)),
        gauge(
                "kube_pod_init_container_resource_requests",
                "The number of requested request resource by an init container.")
            .with(PodContainers.requests(INIT_CONTAINERS)),
        gauge(
                "kube_pod_init_container_state_started",
                "Start time in unix timestamp for a pod init container.")
            .with(PodContainers.stateStarted(INIT_CONTAINERS)),
        gauge(
                "kube_pod_init_container_status_last_terminated_reason",
                "Describes the last reason the init container was in terminated state.")
            .with(PodContainers.lastTerminatedReason(INIT_CONTAINERS)),
        gauge(
                "kube_pod_init_container_status_last_terminated_exitcode",
                "Describes the exit code for the last init container in terminated state.")
            .with(PodContainers.lastTerminatedExitCode(INIT_CONTAINERS)),
        gauge(
                "kube_pod_init_container_status_last_terminated_timestamp",
                "Last terminated time for a pod init container in unix timestamp.")
            .with(PodContainers.lastTerminatedTimestamp(INIT_CONTAINERS)),
        gauge(
                "kube_pod_init_container_status_ready",
                "Describes whether the init containers readiness check succeeded.")
            .stable()
            .with(PodContainers.ready(INIT_CONTAINERS)),
        counter(
                "kube_pod_init_container_status_restarts_total",
                "The number of restarts for the init container.")
            .stable()
            .with(PodContainers.restarts(INIT_CONTAINERS)),
        gauge(
                "kube_pod_init_container_status_running",
                "Describes whether the init container is currently in running state.")
            .stable()
            .with(PodContainers.running(INIT_CONTAINERS)),
        gauge(
                "kube_pod_init_container_status_terminated",
                "Describes whether the init container is currently in terminated state.")
            .stable()
            .with(PodContainers.terminated(INIT_CONTAINERS)),
        gauge(
                "kube_pod_init_container_status_terminated_reason",
                "Describes the reason the init container is currently in terminated state.")
            .with(PodContainers.terminatedReason(INIT_CONTAINERS)),
        gauge(
                "kube_pod_init_container_status_waiting",
                "Describes whether the init container is currently in waiting state.")
            .stable()
            .with(PodContainers.waiting(INIT_CONTAINERS)),
        gauge(
                "kube_pod_init_container_status_waiting_reason",
                "Describes the reason the init container is currently in waiting state.")
            .with(PodContainers.waitingReason(INIT_CONTAINERS)),
        Metadata.annotations("kube_pod_annotations", options.annotations()),
        Metadata.labels("kube_pod_labels", options.labels()),
        gauge(
                "kube_pod_overhead_cpu_cores",
                "The pod overhead in regards to cpu cores associated with running a pod.")
            .with(PodSpecFamilies::overheadCpu),
        gauge(
                "kube_pod_overhead_memory_bytes",
                "The pod overhead in regards to memory associated with running a pod.")
            .with(PodSpecFamilies::overheadMemory),
        gauge("kube_pod_owner", "Information about the Pod's owner.")
            .stable()
            .with(Metadata::owners),
        gauge(
                "kube_pod_resourceclaim_info",
                "Information about a DRA ResourceClaim referenced by a pod, one series per"
                    + " pod.spec.resourceClaims entry; claim_name is the pod-local reference and"
                    + " resourceclaim_name is the resolved ResourceClaim object name.")
            .with(PodVolumes::resourceClaimInfo),
        gauge("kube_pod_restart_policy", "Describes the restart policy in use by this pod.")
            .stable()
            .with(PodSpecFamilies::restartPolicy),
        gauge("kube_pod_runtimeclass_name_info", "The runtimeclass associated with the pod.")
            .with(PodSpecFamilies::runtimeClass),
        gauge(
                "kube_pod_spec_volumes_persistentvolumeclaims_info",
                "Information about persistentvolumeclaim and ephemeral volumes in a pod.")
            .stable()
            .with(PodVolumes::claimsInfo),
        gauge(
                "kube_pod_spec_volumes_persistentvolumeclaims_readonly",
                "Describes whether a persistentvolumeclaim is mounted read only. Ephemeral volumes"
                    + " always report 0 since the ephemeral volume source does not support a"
                    + " read-only flag.")
            .stable()
            .with(PodVolumes::claimsReadOnly),
        gauge("kube_pod_start_time", "Start time in unix timestamp for a pod.")
            .stable()
            .with(PodStatusFamilies::startTime),
        gauge("kube_pod_status_phase", "The pods current phase.")
            .stable()
            .with(PodStatusFamilies::phase),
        gauge("kube_pod_status_qos_class", "The pods current qosClass.")
            .with(PodStatusFamilies::qosClass),
        gauge("kube_pod_status_ready", "Describes whether the pod is ready to serve requests.")
            .stable()
            .with(PodStatusFamilies::ready),
        gauge("kube_pod_status_ready_time", "Readiness achieved time in unix timestamp for a pod.")
            .with(PodStatusFamilies::readyTime),
        gauge("kube_pod_status_initialized_time", "Initialized time in unix timestamp for a pod.")
            .with(PodStatusFamilies::initializedTime),
        gauge(
                "kube_pod_status_container_ready_time",
                "Readiness achieved time in unix timestamp for a pod containers.")
            .with(PodStatusFamilies::containersReadyTime),
        gauge("kube_pod_status_reason", "The pod status reasons").with(PodStatusFamilies::reason),
        gauge("kube_pod_status_disruption_reason", "The pod disruption condition reason")
            .with(PodStatusFamilies::disruptionReason),
        gauge(
                "kube_pod_status_scheduled",
                "Describes the status of the scheduling process for the pod.")
            .stable()
            .with(PodStatusFamilies::scheduled),
        gauge(
                "kube_pod_status_scheduled_time",
                "Unix timestamp when pod moved into scheduled status")
            .stable()
            .with(PodStatusFamilies::scheduledTime),
        gauge("kube_pod_status_unschedulable", "Describes the unschedulable status for the pod.")
            .stable()
            .with(PodStatusFamilies::unschedulable),
        gauge(
                "kube_pod_status_unscheduled_time",
                "Unix timestamp when pod moved into unscheduled status")
            .with(PodStatusFamilies::unscheduledTime),
        gauge("kube_pod_tolerations", "Information about the pod tolerations")
            .with(PodSpecFamilies::tolerations),
        gauge("kube_pod_nodeselectors", "Describes the Pod nodeSelectors.")
            .optIn()
            .with(PodSpecFamilies::nodeSelectors),
        gauge("kube_pod_service_account", "The service account for a pod.")
            .with(PodSpecFamilies::serviceAccount),
        gauge("kube_pod_scheduler", "The scheduler for a pod.").with(PodSpecFamilies::scheduler));
  }

  /** {@code spec}, or an empty one, so generators never see null. */
  static PodSpec spec(Pod pod) {
    return pod.getSpec() != null ? pod.getSpec() : new PodSpec();
  }

  /** {@code status}, or an empty one, so generators never see null. */
  static PodStatus status(Pod pod) {
    return pod.getStatus() != null ? pod.getStatus() : new PodStatus();
  }

  private static Family<Pod> gauge(String name, String help) {
    return Family.gauge(name, help);
  }

  private static Family<Pod> counter(String name, String help) {
    return Family.counter(name, help);
  }
}
