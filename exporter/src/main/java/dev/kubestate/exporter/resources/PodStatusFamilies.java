package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.resources.GoFields.items;

import dev.kubestate.exporter.metrics.Samples;
import dev.kubestate.exporter.metrics.StateSet;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.List;

/**
 * Generators of the pod-level status families: phase, QoS class, conditions and their times, status
 * reasons, start and completion time. Conditions are compared as KSM does, by exact type and status
 * strings ({@code Ready}, {@code True}). Stateless.
 */
final class PodStatusFamilies {

  /** KSM's order of {@code kube_pod_status_phase} samples; none when the phase is empty. */
  private static final StateSet PHASE =
      StateSet.of("phase", "Pending", "Succeeded", "Failed", "Unknown", "Running").noneWhenEmpty();

  private static final StateSet QOS_CLASS =
      StateSet.of("qos_class", "BestEffort", "Burstable", "Guaranteed").noneWhenEmpty();

  /** Reasons {@code kube_pod_status_reason} reports by name, in output order. */
  private static final String[] STATUS_REASONS = {
    "Evicted",
    "NodeAffinity",
    "NodeLost",
    "PreemptionByScheduler",
    "SchedulingGated",
    "Shutdown",
    "TerminationByKubelet",
    "UnexpectedAdmissionError"
  };

  /** {@code DisruptionTarget} reasons kept as they are; any other becomes {@code Other}. */
  private static final String[] DISRUPTION_REASONS = {
    "PreemptionByScheduler",
    "DeletionByTaintManager",
    "EvictionByEvictionAPI",
    "DeletionByPodGC",
    "TerminationByKubelet"
  };

  private static final String OTHER = "Other";

  private PodStatusFamilies() {}

  /** Latest {@code finishedAt} over terminated containers; no sample unless it is positive. */
  static void completionTime(Pod pod, Samples out) {
    double latest = 0;
    for (ContainerStatus cs : containerStatuses(pod)) {
      ContainerState s = cs.getState();
      if (s != null && s.getTerminated() != null) {
        double finished = Timestamps.secondsOrZeroTime(s.getTerminated().getFinishedAt());
        if (latest == 0 || latest < finished) {
          latest = finished;
        }
      }
    }
    if (latest > 0) {
      out.sample(latest);
    }
  }

  /** Five samples, 1 for the current phase; none when the phase is empty. */
  static void phase(Pod pod, Samples out) {
    PHASE.write(out, Pods.status(pod).getPhase());
  }

  /** Three samples, 1 for the current QoS class; none when it is empty. */
  static void qosClass(Pod pod, Samples out) {
    QOS_CLASS.write(out, Pods.status(pod).getQosClass());
  }

  /** The true/false/unknown series of each {@code Ready} condition. */
  static void ready(Pod pod, Samples out) {
    conditionSeries(pod, "Ready", out);
  }

  /** The true/false/unknown series of each {@code PodScheduled} condition. */
  static void scheduled(Pod pod, Samples out) {
    conditionSeries(pod, "PodScheduled", out);
  }

  static void readyTime(Pod pod, Samples out) {
    transitionTime(pod, "Ready", "True", out);
  }

  static void initializedTime(Pod pod, Samples out) {
    transitionTime(pod, "Initialized", "True", out);
  }

  static void containersReadyTime(Pod pod, Samples out) {
    transitionTime(pod, "ContainersReady", "True", out);
  }

  static void scheduledTime(Pod pod, Samples out) {
    transitionTime(pod, "PodScheduled", "True", out);
  }

  static void unscheduledTime(Pod pod, Samples out) {
    transitionTime(pod, "PodScheduled", "False", out);
  }

  /** 1 per {@code PodScheduled} condition with status {@code False}. */
  static void unschedulable(Pod pod, Samples out) {
    for (PodCondition c : conditions(pod)) {
      if ("PodScheduled".equals(c.getType()) && "False".equals(c.getStatus())) {
        out.sample(1);
      }
    }
  }

  /**
   * One sample (value 1) per known reason found in {@code status.reason}, in any condition's reason
   * or in any terminated container's reason; then {@code Other} when {@code status.reason} is set
   * but unknown. Unknown condition or container reasons give nothing.
   */
  static void reason(Pod pod, Samples out) {
    for (String reason : STATUS_REASONS) {
      if (hasReason(pod, reason)) {
        out.sample("reason", reason, 1);
      }
    }
    String own = Pods.status(pod).getReason();
    if (own != null && !own.isEmpty() && !contains(STATUS_REASONS, own)) {
      out.sample("reason", OTHER, 1);
    }
  }

  /** One sample per {@code DisruptionTarget} condition: its reason if known, else {@code Other}. */
  static void disruptionReason(Pod pod, Samples out) {
    for (PodCondition c : conditions(pod)) {
      if ("DisruptionTarget".equals(c.getType())) {
        String reason = c.getReason();
        out.sample("reason", contains(DISRUPTION_REASONS, reason) ? reason : OTHER, 1);
      }
    }
  }

  private static boolean hasReason(Pod pod, String reason) {
    if (reason.equals(Pods.status(pod).getReason())) {
      return true;
    }
    for (PodCondition c : conditions(pod)) {
      if (reason.equals(c.getReason())) {
        return true;
      }
    }
    for (ContainerStatus cs : containerStatuses(pod)) {
      ContainerState s = cs.getState();
      if (s != null && s.getTerminated() != null && reason.equals(s.getTerminated().getReason())) {
        return true;
      }
    }
    return false;
  }

  private static void conditionSeries(Pod pod, String type, Samples out) {
    for (PodCondition c : conditions(pod)) {
      if (type.equals(c.getType())) {
        Conditions.CONDITION.write(out, c.getStatus());
      }
    }
  }

  /**
   * {@code lastTransitionTime} of each condition of that type and status. KSM reads it without a
   * zero check, so an unset time is Go's zero time.
   */
  private static void transitionTime(Pod pod, String type, String status, Samples out) {
    for (PodCondition c : conditions(pod)) {
      if (type.equals(c.getType()) && status.equals(c.getStatus())) {
        out.sample(Timestamps.secondsOrZeroTime(c.getLastTransitionTime()));
      }
    }
  }

  private static boolean contains(String[] values, String value) {
    for (String v : values) {
      if (v.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static List<PodCondition> conditions(Pod pod) {
    return items(Pods.status(pod).getConditions(), PodCondition::new);
  }

  private static List<ContainerStatus> containerStatuses(Pod pod) {
    return items(Pods.status(pod).getContainerStatuses(), ContainerStatus::new);
  }
}
