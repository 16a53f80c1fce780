package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Pods of synthetic controllers (replica sets, StatefulSets, DaemonSets, Jobs), in a realistic mix
 * of states: mostly running and ready, some crash-looping or failing to pull their image, some not
 * ready, some being created, some pending without a node. Stateless.
 */
final class SyntheticPods {

  /** What a pod is going through. */
  enum State {
    RUNNING,
    NOT_READY,
    CRASH_LOOP,
    IMAGE_PULL,
    CREATING,
    UNSCHEDULABLE
  }

  private SyntheticPods() {}

  /** A state drawn with the frequencies a busy cluster shows. */
  static State drawState(ClusterRandom random) {
    int roll = random.below(1000);
    if (roll < 25) {
      return State.CRASH_LOOP;
    } else if (roll < 35) {
      return State.IMAGE_PULL;
    } else if (roll < 55) {
      return State.NOT_READY;
    } else if (roll < 65) {
      return State.CREATING;
    } else if (roll < 80) {
      return State.UNSCHEDULABLE;
    }
    return State.RUNNING;
  }

  /**
   * What a pod is made from: its namespace and name ({@code generateName} null for a controller
   * that names pods itself, as a StatefulSet does), its labels, its controller and the template's
   * spec (shared, not copied).
   */
  record Origin(
      String namespace,
      String name,
      String generateName,
      Map<String, String> labels,
      OwnerReference controller,
      PodSpec template) {}

  /** A controller reference to {@code owner} of API version {@code apiVersion}. */
  static OwnerReference controllerOf(String apiVersion, HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(apiVersion)
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  /**
   * A pod owned by {@code rs}, built from its template, placed on {@code node} (null: pending
   * without a node, whatever {@code state} says).
   */
  static Pod generate(
      ClusterRandom random,
      ReplicaSet rs,
      PodTemplates.Qos qos,
      Node node,
      State state,
      long ageSeconds) {
    String prefix = rs.getMetadata().getName() + "-";
    Origin origin =
        new Origin(
            rs.getMetadata().getNamespace(),
            prefix + random.suffix(5),
            prefix,
            rs.getSpec().getTemplate().getMetadata().getLabels(),
            controllerOf("apps/v1", rs),
            rs.getSpec().getTemplate().getSpec());
    return generate(random, origin, qos, node, state, ageSeconds);
  }

  /**
   * A pod from {@code origin}, created {@code ageSeconds} before {@link ClusterRandom#EPOCH}
   * (negative: after it), placed on {@code node} (null: pending without a node, whatever {@code
   * state} says). Its spec is its own, its containers the template's.
   */
  static Pod generate(
      ClusterRandom random,
      Origin origin,
      PodTemplates.Qos qos,
      Node node,
      State state,
      long ageSeconds) {
    State effective = node == null ? State.UNSCHEDULABLE : state;
    PodSpec spec =
        specFor(
            origin.template(),
            effective == State.UNSCHEDULABLE ? null : node.getMetadata().getName());
    return new PodBuilder()
        .withNewMetadata()
        .withName(origin.name())
        .withGenerateName(origin.generateName())
        .withNamespace(origin.namespace())
        .withUid(random.uid())
        .withCreationTimestamp(ClusterRandom.before(ageSeconds))
        .withLabels(origin.labels())
        .withOwnerReferences(origin.controller())
        .endMetadata()
        .withSpec(spec)
        .withStatus(status(random, spec.getContainers(), qos, node, effective, ageSeconds))
        .build();
  }

  /**
   * The pod's spec: the template's fields (containers shared, not copied: fabric8's deep copy
   * dominates generation time) plus the node.
   */
  static PodSpec specFor(PodSpec template, String nodeName) {
    PodSpec spec = new PodSpec();
    spec.setContainers(template.getContainers());
    spec.setInitContainers(template.getInitContainers());
    spec.setRestartPolicy(template.getRestartPolicy());
    spec.setDnsPolicy(template.getDnsPolicy());
    spec.setSchedulerName(template.getSchedulerName());
    spec.setServiceAccountName(template.getServiceAccountName());
    spec.setTerminationGracePeriodSeconds(template.getTerminationGracePeriodSeconds());
    spec.setPriority(template.getPriority());
    spec.setEnableServiceLinks(template.getEnableServiceLinks());
    spec.setPreemptionPolicy(template.getPreemptionPolicy());
    spec.setPriorityClassName(template.getPriorityClassName());
    spec.setHostNetwork(template.getHostNetwork());
    spec.setTolerations(template.getTolerations());
    spec.setVolumes(template.getVolumes());
    spec.setNodeName(nodeName);
    return spec;
  }

  private static PodStatus status(
      ClusterRandom random,
      List<Container> containers,
      PodTemplates.Qos qos,
      Node node,
      State state,
      long ageSeconds) {
    String created = ClusterRandom.before(ageSeconds);
    PodStatusBuilder s = new PodStatusBuilder().withQosClass(qos.className);
    if (state == State.UNSCHEDULABLE) {
      return s.withPhase("Pending")
          .withConditions(
              new PodConditionBuilder()
                  .withType("PodScheduled")
                  .withStatus("False")
                  .withReason("Unschedulable")
                  .withMessage("no node has enough free cpu for the pod's requests")
                  .withLastTransitionTime(created)
                  .build())
          .build();
    }
    String hostIp = internalIp(node);
    String podIp = "10.244." + random.below(256) + "." + random.between(2, 254);
    boolean started = state != State.CREATING;
    boolean ready = state == State.RUNNING;
    List<ContainerStatus> statuses = new ArrayList<>();
    for (Container c : containers) {
      boolean failing = statuses.isEmpty() && !ready && state != State.NOT_READY;
      statuses.add(containerStatus(random, c, failing ? state : State.RUNNING, ready, ageSeconds));
    }
    return s.withPhase(started ? "Running" : "Pending")
        .withHostIP(hostIp)
        .addNewHostIP(hostIp)
        .withPodIP(started ? podIp : null)
        .withPodIPs(started ? List.of(new PodIP(podIp)) : List.of())
        .withStartTime(created)
        .withConditions(conditions(started, ready, created))
        .withContainerStatuses(statuses)
        .build();
  }

  private static List<PodCondition> conditions(boolean started, boolean ready, String since) {
    List<PodCondition> out = new ArrayList<>();
    out.add(condition("PodReadyToStartContainers", started, since));
    out.add(condition("Initialized", true, since));
    out.add(condition("Ready", ready, since));
    out.add(condition("ContainersReady", ready, since));
    out.add(condition("PodScheduled", true, since));
    return out;
  }

  private static PodCondition condition(String type, boolean status, String since) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(
            status || type.equals("PodReadyToStartContainers") ? null : "ContainersNotReady")
        .withLastTransitionTime(since)
        .build();
  }

  /** A container status in {@code state}; RUNNING means running (ready as given). */
  static ContainerStatus containerStatus(
      ClusterRandom random, Container c, State state, boolean ready, long ageSeconds) {
    ContainerStatusBuilder s =
        new ContainerStatusBuilder()
            .withName(c.getName())
            .withImage(c.getImage())
            .withImageID(c.getImage() + "@sha256:" + random.hex(64))
            .withReady(ready)
            .withRestartCount(random.chance(0.1) ? random.between(1, 4) : 0)
            .withStarted(state == State.RUNNING || state == State.NOT_READY);
    switch (state) {
      case CRASH_LOOP ->
          s.withContainerID("containerd://" + random.hex(64))
              .withRestartCount(random.between(5, 300))
              .withState(waiting("CrashLoopBackOff", "back-off 5m0s restarting failed container"))
              .withLastState(
                  new ContainerStateBuilder()
                      .withNewTerminated()
                      .withExitCode(1)
                      .withReason("Error")
                      .withStartedAt(ClusterRandom.before(400))
                      .withFinishedAt(ClusterRandom.before(390))
                      .endTerminated()
                      .build());
      case IMAGE_PULL ->
          s.withState(
              waiting("ImagePullBackOff", "Back-off pulling image \"" + c.getImage() + "\""));
      case CREATING -> s.withState(waiting("ContainerCreating", null));
      default ->
          s.withContainerID("containerd://" + random.hex(64))
              .withState(
                  new ContainerStateBuilder()
                      .withNewRunning()
                      .withStartedAt(ClusterRandom.before(ageSeconds - 5))
                      .endRunning()
                      .build());
    }
    return s.build();
  }

  private static ContainerState waiting(String reason, String message) {
    return new ContainerStateBuilder()
        .withNewWaiting()
        .withReason(reason)
        .withMessage(message)
        .endWaiting()
        .build();
  }

  private static String internalIp(Node node) {
    if (node.getStatus() != null && node.getStatus().getAddresses() != null) {
      for (NodeAddress a : node.getStatus().getAddresses()) {
        if ("InternalIP".equals(a.getType())) {
          return a.getAddress();
        }
      }
    }
    return null;
  }
}
