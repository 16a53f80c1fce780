package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;

/**
 * The changes churn makes to a pod, applied to a copy the caller owns: readiness flips, container
 * restarts, crash-loops, a fresh replacement pod, the end of a Job's pod, and an eviction by the
 * kubelet. Stateless.
 */
final class PodChanges {

  private static final int FLIP_READY = 0;
  private static final int RESTART = 1;

  private PodChanges() {}

  static String describe(int kind) {
    return kind == FLIP_READY ? "ready flipped" : kind == RESTART ? "restart" : "crash loop";
  }

  /**
   * Applies change {@code kind} (0 flip readiness, 1 restart, 2 crash-loop) at time {@code now}.
   */
  static Pod apply(Pod pod, int kind, String now) {
    if (pod.getStatus() == null
        || pod.getStatus().getContainerStatuses() == null
        || pod.getStatus().getContainerStatuses().isEmpty()) {
      return pod;
    }
    ContainerStatus first = pod.getStatus().getContainerStatuses().get(0);
    boolean ready;
    if (kind == FLIP_READY) {
      ready = !Boolean.TRUE.equals(first.getReady());
      first.setState(
          new ContainerStateBuilder().withNewRunning().withStartedAt(now).endRunning().build());
    } else if (kind == RESTART) {
      ready = true;
      first.setRestartCount(first.getRestartCount() == null ? 1 : first.getRestartCount() + 1);
      first.setLastState(
          new ContainerStateBuilder()
              .withNewTerminated()
              .withExitCode(137)
              .withReason("OOMKilled")
              .withFinishedAt(now)
              .endTerminated()
              .build());
      first.setState(
          new ContainerStateBuilder().withNewRunning().withStartedAt(now).endRunning().build());
    } else {
      ready = false;
      first.setRestartCount(first.getRestartCount() == null ? 1 : first.getRestartCount() + 1);
      first.setState(
          new ContainerStateBuilder()
              .withNewWaiting()
              .withReason("CrashLoopBackOff")
              .withMessage("back-off 10s restarting failed container")
              .endWaiting()
              .build());
    }
    first.setReady(ready);
    first.setStarted(kind != 2);
    setReady(pod, ready, now);
    return pod;
  }

  /** {@code copy} as a new pod of the same owner: new name and UID, running and ready. */
  static Pod replacement(Pod copy, String name, String uid, String now) {
    copy.getMetadata().setName(name);
    copy.getMetadata().setUid(uid);
    copy.getMetadata().setCreationTimestamp(now);
    copy.getMetadata().setResourceVersion(null);
    if (copy.getStatus() != null && copy.getStatus().getContainerStatuses() != null) {
      copy.getStatus().setStartTime(now);
      for (ContainerStatus c : copy.getStatus().getContainerStatuses()) {
        c.setRestartCount(0);
        c.setReady(true);
        c.setStarted(true);
        c.setLastState(null);
        c.setState(
            new ContainerStateBuilder().withNewRunning().withStartedAt(now).endRunning().build());
      }
      copy.getStatus().setPhase("Running");
      setReady(copy, true, now);
    }
    return copy;
  }

  /**
   * Ends {@code pod} as its containers exit at {@code now}: with code 0 and phase Succeeded when
   * {@code succeeded}, else code 1 and phase Failed; the pod is then not ready, as the kubelet
   * reports a completed pod.
   */
  static Pod finish(Pod pod, boolean succeeded, String now) {
    if (pod.getStatus() == null) {
      return pod;
    }
    if (pod.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
        String started =
            c.getState() != null && c.getState().getRunning() != null
                ? c.getState().getRunning().getStartedAt()
                : now;
        c.setReady(false);
        c.setStarted(false);
        c.setState(
            new ContainerStateBuilder()
                .withNewTerminated()
                .withExitCode(succeeded ? 0 : 1)
                .withReason(succeeded ? "Completed" : "Error")
                .withStartedAt(started)
                .withFinishedAt(now)
                .withContainerID(c.getContainerID())
                .endTerminated()
                .build());
      }
    }
    pod.getStatus().setPhase(succeeded ? "Succeeded" : "Failed");
    if (pod.getStatus().getConditions() != null) {
      String reason = succeeded ? "PodCompleted" : "PodFailed";
      for (PodCondition c : pod.getStatus().getConditions()) {
        if ("Ready".equals(c.getType()) || "ContainersReady".equals(c.getType())) {
          c.setStatus("False");
          c.setReason(reason);
          c.setLastTransitionTime(now);
        } else if ("PodReadyToStartContainers".equals(c.getType())) {
          c.setStatus("False");
          c.setLastTransitionTime(now);
        }
      }
    }
    return pod;
  }

  /**
   * Ends {@code pod} as the kubelet evicts it from a node low on memory at {@code now}: phase
   * Failed with reason Evicted, a {@code DisruptionTarget} condition (TerminationByKubelet), every
   * container killed (exit code 137), the pod IP released. Its controller no longer counts it and
   * leaves it behind until it is deleted.
   */
  static Pod evict(Pod pod, String now) {
    if (pod.getStatus() == null) {
      return pod;
    }
    Container first = pod.getSpec().getContainers().get(0);
    Quantity request =
        first.getResources() == null || first.getResources().getRequests() == null
            ? null
            : first.getResources().getRequests().get("memory");
    String message =
        "The node was low on resource: memory. Threshold quantity: 100Mi, available: 87244Ki."
            + " Container "
            + first.getName()
            + " was using 1843212Ki, which exceeds its request of "
            + (request == null ? "0" : request.toString())
            + ".";
    finish(pod, false, now);
    if (pod.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
        c.getState().getTerminated().setExitCode(137);
      }
    }
    pod.getStatus().setReason("Evicted");
    pod.getStatus().setMessage(message);
    pod.getStatus().setPodIP(null);
    pod.getStatus().setPodIPs(new ArrayList<>());
    List<PodCondition> conditions = new ArrayList<>();
    conditions.add(
        new PodConditionBuilder()
            .withType("DisruptionTarget")
            .withStatus("True")
            .withReason("TerminationByKubelet")
            .withMessage(message)
            .withLastTransitionTime(now)
            .build());
    if (pod.getStatus().getConditions() != null) {
      conditions.addAll(pod.getStatus().getConditions());
    }
    pod.getStatus().setConditions(conditions);
    return pod;
  }

  private static void setReady(Pod pod, boolean ready, String now) {
    if (pod.getStatus().getConditions() == null) {
      return;
    }
    for (PodCondition c : pod.getStatus().getConditions()) {
      if ("Ready".equals(c.getType()) || "ContainersReady".equals(c.getType())) {
        c.setStatus(ready ? "True" : "False");
        c.setReason(ready ? null : "ContainersNotReady");
        c.setLastTransitionTime(now);
      }
    }
  }
}
