package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.resources.GoFields.items;

import dev.kubestate.exporter.metrics.Generator;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;

/**
 * Generators of the {@code kube_pod_container_*} and {@code kube_pod_init_container_*} families.
 * Both sets share their semantics and differ only in which containers they read ({@link Group}).
 * Status families write one sample per container status, in status order; spec families one per
 * spec container. Stateless; every generator treats absent fields as Go's zero values, so an unset
 * start or finish time of a state KSM reads unchecked is exported as Go's zero time.
 */
final class PodContainers {

  /** Which containers of a pod a family reads. */
  enum Group {
    CONTAINERS,
    INIT_CONTAINERS;

    List<Container> specs(Pod pod) {
      PodSpec spec = Pods.spec(pod);
      return items(
          this == CONTAINERS ? spec.getContainers() : spec.getInitContainers(), Container::new);
    }

    List<ContainerStatus> statuses(Pod pod) {
      PodStatus status = Pods.status(pod);
      return items(
          this == CONTAINERS ? status.getContainerStatuses() : status.getInitContainerStatuses(),
          ContainerStatus::new);
    }
  }

  private PodContainers() {}

  /**
   * One sample per spec container that has a status of the same name: {@code image_spec} from the
   * spec, {@code image}, {@code image_id}, {@code container_id} from the status; init containers
   * add {@code restart_policy} (empty when unset).
   */
  static Generator<Pod> info(Group group) {
    return (pod, out) -> {
      for (Container c : group.specs(pod)) {
        for (ContainerStatus cs : group.statuses(pod)) {
          if (!sameName(cs.getName(), c.getName())) {
            continue;
          }
          out.begin()
              .label("container", cs.getName())
              .label("image_spec", c.getImage())
              .label("image", cs.getImage())
              .label("image_id", cs.getImageID())
              .label("container_id", cs.getContainerID());
          if (group == Group.INIT_CONTAINERS) {
            out.label("restart_policy", c.getRestartPolicy());
          }
          out.value(1);
        }
      }
    };
  }

  /** {@code resources.limits} per spec container (see {@link ContainerResources}). */
  static Generator<Pod> limits(Group group) {
    return (pod, out) -> {
      String node = Pods.spec(pod).getNodeName();
      for (Container c : group.specs(pod)) {
        ResourceRequirements r = c.getResources();
        ContainerResources.write(c.getName(), node, r == null ? null : r.getLimits(), out);
      }
    };
  }

  /** {@code resources.requests} per spec container (see {@link ContainerResources}). */
  static Generator<Pod> requests(Group group) {
    return (pod, out) -> {
      String node = Pods.spec(pod).getNodeName();
      for (Container c : group.specs(pod)) {
        ResourceRequirements r = c.getResources();
        ContainerResources.write(c.getName(), node, r == null ? null : r.getRequests(), out);
      }
    };
  }

  /** Start of the running or terminated state; no sample for waiting or unknown state. */
  static Generator<Pod> stateStarted(Group group) {
    return (pod, out) -> {
      for (ContainerStatus cs : group.statuses(pod)) {
        ContainerState s = cs.getState();
        String startedAt;
        if (s != null && s.getRunning() != null) {
          startedAt = s.getRunning().getStartedAt();
        } else if (s != null && s.getTerminated() != null) {
          startedAt = s.getTerminated().getStartedAt();
        } else {
          continue;
        }
        out.sample("container", cs.getName(), Timestamps.secondsOrZeroTime(startedAt));
      }
    };
  }

  /** Reason of {@code lastState.terminated}, one sample per container that has one. */
  static Generator<Pod> lastTerminatedReason(Group group) {
    return (pod, out) -> {
      for (ContainerStatus cs : group.statuses(pod)) {
        ContainerStateTerminated t = lastTerminated(cs);
        if (t != null) {
          out.begin().label("container", cs.getName()).label("reason", t.getReason()).value(1);
        }
      }
    };
  }

  /** Exit code of {@code lastState.terminated}. */
  static Generator<Pod> lastTerminatedExitCode(Group group) {
    return (pod, out) -> {
      for (ContainerStatus cs : group.statuses(pod)) {
        ContainerStateTerminated t = lastTerminated(cs);
        if (t != null) {
          out.sample("container", cs.getName(), t.getExitCode() == null ? 0 : t.getExitCode());
        }
      }
    };
  }

  /** {@code lastState.terminated.finishedAt} in seconds. */
  static Generator<Pod> lastTerminatedTimestamp(Group group) {
    return (pod, out) -> {
      for (ContainerStatus cs : group.statuses(pod)) {
        ContainerStateTerminated t = lastTerminated(cs);
        if (t != null) {
          out.sample("container", cs.getName(), Timestamps.secondsOrZeroTime(t.getFinishedAt()));
        }
      }
    };
  }

  /** 1 when the container is ready, else 0. */
  static Generator<Pod> ready(Group group) {
    return (pod, out) -> {
      for (ContainerStatus cs : group.statuses(pod)) {
        out.sample("container", cs.getName(), Boolean.TRUE.equals(cs.getReady()) ? 1 : 0);
      }
    };
  }

  /** The restart count. */
  static Generator<Pod> restarts(Group group) {
    return (pod, out) -> {
      for (ContainerStatus cs : group.statuses(pod)) {
        Integer n = cs.getRestartCount();
        out.sample("container", cs.getName(), n == null ? 0 : n);
      }
    };
  }

  /** 1 when {@code state.running} is set, else 0. */
  static Generator<Pod> running(Group group) {
    return (pod, out) -> {
      for (ContainerStatus cs : group.statuses(pod)) {
        ContainerState s = cs.getState();
        out.sample("container", cs.getName(), s != null && s.getRunning() != null ? 1 : 0);
      }
    };
  }

  /** 1 when {@code state.terminated} is set, else 0. */
  static Generator<Pod> terminated(Group group) {
    return (pod, out) -> {
      for (ContainerStatus cs : group.statuses(pod)) {
        ContainerState s = cs.getState();
        out.sample("container", cs.getName(), s != null && s.getTerminated() != null ? 1 : 0);
      }
    };
  }

  /** Reason of {@code state.terminated} (possibly empty), one sample per terminated container. */
  static Generator<Pod> terminatedReason(Group group) {
    return (pod, out) -> {
      for (ContainerStatus cs : group.statuses(pod)) {
        ContainerState s = cs.getState();
        if (s != null && s.getTerminated() != null) {
          reason(cs, s.getTerminated().getReason(), out);
        }
      }
    };
  }

  /** 1 when {@code state.waiting} is set, else 0. */
  static Generator<Pod> waiting(Group group) {
    return (pod, out) -> {
      for (ContainerStatus cs : group.statuses(pod)) {
        ContainerState s = cs.getState();
        out.sample("container", cs.getName(), s != null && s.getWaiting() != null ? 1 : 0);
      }
    };
  }

  /** Reason of {@code state.waiting} (possibly empty), one sample per waiting container. */
  static Generator<Pod> waitingReason(Group group) {
    return (pod, out) -> {
      for (ContainerStatus cs : group.statuses(pod)) {
        ContainerState s = cs.getState();
        if (s != null && s.getWaiting() != null) {
          reason(cs, s.getWaiting().getReason(), out);
        }
      }
    };
  }

  /** Name equality where null and empty are the same, as for Go strings. */
  private static boolean sameName(String a, String b) {
    return (a == null ? "" : a).equals(b == null ? "" : b);
  }

  private static void reason(ContainerStatus cs, String reason, Samples out) {
    out.begin().label("container", cs.getName()).label("reason", reason).value(1);
  }

  private static ContainerStateTerminated lastTerminated(ContainerStatus cs) {
    return cs.getLastState() == null ? null : cs.getLastState().getTerminated();
  }
}
