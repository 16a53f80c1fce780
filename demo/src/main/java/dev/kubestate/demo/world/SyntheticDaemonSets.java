package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.AffinityBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DaemonSets of a synthetic cluster with one pod on each node they run on: the node agents of a
 * managed cluster (kube-proxy, the CNI agent, the EBS CSI node plugin, node-exporter, which
 * tolerate every taint and run on every node, and fluent-bit, which runs only on untainted nodes).
 * A set is added only while the pod budget covers one pod per eligible node, so small clusters have
 * few or none. Pods are bound to their node, as the DaemonSet controller binds them; fluent-bit,
 * when it has two pods or more, is half-way through a rolling update. Statuses agree with the pods.
 * Immutable once built.
 *
 * @param daemonSets the sets
 * @param pods their pods, set by set in node order
 */
record SyntheticDaemonSets(List<DaemonSet> daemonSets, List<Pod> pods) {

  /** A node agent: where it runs, what it runs, whether it tolerates every taint. */
  private record Agent(
      String namespace,
      String name,
      String image,
      int port,
      boolean everyNode,
      boolean hostNetwork) {}

  private static final List<Agent> AGENTS =
      List.of(
          new Agent(
              "kube-system",
              "kube-proxy",
              "602401143452.dkr.ecr.eu-west-1.amazonaws.com/eks/kube-proxy:v1.31.3-eksbuild.2",
              10249,
              true,
              true),
          new Agent(
              "kube-system",
              "aws-node",
              "602401143452.dkr.ecr.eu-west-1.amazonaws.com/amazon-k8s-cni:v1.19.0-eksbuild.1",
              61678,
              true,
              true),
          new Agent(
              "kube-system",
              "ebs-csi-node",
              "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.37.0",
              9808,
              true,
              false),
          new Agent(
              "monitoring",
              "node-exporter",
              "quay.io/prometheus/node-exporter:v1.8.2",
              9100,
              true,
              true),
          new Agent(
              "kube-system",
              "fluent-bit",
              "cr.fluentbit.io/fluent/fluent-bit:3.1.9",
              2020,
              false,
              false));

  /** The agent caught in a rolling update. */
  private static final String ROLLING = "fluent-bit";

  /** Tolerations the DaemonSet controller adds to every pod it creates. */
  private static final List<Toleration> DEFAULT_TOLERATIONS =
      List.of(
          new Toleration("NoExecute", "node.kubernetes.io/not-ready", "Exists", null, null),
          new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", null, null),
          new Toleration("NoSchedule", "node.kubernetes.io/disk-pressure", "Exists", null, null),
          new Toleration("NoSchedule", "node.kubernetes.io/memory-pressure", "Exists", null, null),
          new Toleration("NoSchedule", "node.kubernetes.io/pid-pressure", "Exists", null, null),
          new Toleration("NoSchedule", "node.kubernetes.io/unschedulable", "Exists", null, null));

  /** The agents whose pods fit in {@code budget}, each on every node it tolerates. */
  static SyntheticDaemonSets generate(ClusterRandom random, List<Node> nodes, int budget) {
    List<DaemonSet> sets = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    int remaining = budget;
    for (Agent agent : AGENTS) {
      List<Node> eligible =
          agent.everyNode()
              ? nodes
              : nodes.stream().filter(n -> !SyntheticNodes.tainted(n)).toList();
      if (eligible.size() > remaining) {
        continue;
      }
      remaining -= eligible.size();
      int updated =
          agent.name().equals(ROLLING) && eligible.size() >= 2
              ? random.between(1, eligible.size() - 1)
              : eligible.size();
      daemonSet(random, agent, eligible, updated, sets, pods);
    }
    return new SyntheticDaemonSets(List.copyOf(sets), List.copyOf(pods));
  }

  private static void daemonSet(
      ClusterRandom random,
      Agent agent,
      List<Node> nodes,
      int updated,
      List<DaemonSet> sets,
      List<Pod> pods) {
    long ageSeconds = random.between(30 * 86400, 390 * 86400);
    PodTemplates.Template template =
        PodTemplates.single(
            random, agent.name(), agent.image(), agent.port(), PodTemplates.Qos.BURSTABLE);
    template.spec().setPriorityClassName("system-node-critical");
    template.spec().setServiceAccountName(agent.name());
    if (agent.hostNetwork()) {
      template.spec().setHostNetwork(true);
      template.spec().setDnsPolicy("ClusterFirstWithHostNet");
    }
    if (agent.everyNode()) {
      template.spec().setTolerations(List.of(new Toleration(null, null, "Exists", null, null)));
    }
    Map<String, String> selector = Map.of("app.kubernetes.io/name", agent.name());
    long generation = random.between(1, 9) + (updated < nodes.size() ? 1 : 0);
    DaemonSet set = build(random, agent, ageSeconds, generation, selector, template);
    String current = agent.name() + "-" + random.suffix(10);
    String previous = agent.name() + "-" + random.suffix(10);
    List<Pod> own = new ArrayList<>(nodes.size());
    boolean rolling = updated < nodes.size();
    for (int i = 0; i < nodes.size(); i++) {
      boolean onCurrent = i < updated;
      own.add(
          pod(
              random,
              set,
              template,
              nodes.get(i),
              onCurrent ? current : previous,
              generation - (onCurrent ? 0 : 1),
              rolling && onCurrent));
    }
    int ready = (int) own.stream().filter(SyntheticWorkloads::isReady).count();
    set.setStatus(status(generation, nodes.size(), ready, updated));
    sets.add(set);
    pods.addAll(own);
  }

  /** The DaemonSet of {@code agent}, without status; draws its UID. */
  private static DaemonSet build(
      ClusterRandom random,
      Agent agent,
      long ageSeconds,
      long generation,
      Map<String, String> selector,
      PodTemplates.Template template) {
    return new DaemonSetBuilder()
        .withNewMetadata()
        .withName(agent.name())
        .withNamespace(agent.namespace())
        .withUid(random.uid())
        .withCreationTimestamp(ClusterRandom.before(ageSeconds))
        .withGeneration(generation)
        .withLabels(selector)
        .addToAnnotations("deprecated.daemonset.template.generation", "" + generation)
        .endMetadata()
        .withNewSpec()
        .withNewSelector()
        .withMatchLabels(selector)
        .endSelector()
        .withTemplate(
            new PodTemplateSpec(
                new ObjectMetaBuilder().withLabels(selector).build(), template.spec()))
        .withNewUpdateStrategy()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withNewMaxUnavailable("10%")
        .withNewMaxSurge(0)
        .endRollingUpdate()
        .endUpdateStrategy()
        .withRevisionHistoryLimit(10)
        .endSpec()
        .build();
  }

  /** The status of a DaemonSet on {@code nodes} nodes, {@code ready} of them ready. */
  private static DaemonSetStatus status(long generation, int nodes, int ready, int updated) {
    return new DaemonSetStatusBuilder()
        .withObservedGeneration(generation)
        .withDesiredNumberScheduled(nodes)
        .withCurrentNumberScheduled(nodes)
        .withNumberMisscheduled(0)
        .withNumberReady(ready)
        .withNumberAvailable(ready)
        .withNumberUnavailable(nodes - ready)
        .withUpdatedNumberScheduled(updated)
        .build();
  }

  /**
   * The pod of {@code set} on {@code node}, of revision {@code revision} and template generation
   * {@code generation}; created within the last hour when {@code fresh}.
   */
  private static Pod pod(
      ClusterRandom random,
      DaemonSet set,
      PodTemplates.Template template,
      Node node,
      String revision,
      long generation,
      boolean fresh) {
    String prefix = set.getMetadata().getName() + "-";
    Map<String, String> labels = new LinkedHashMap<>(set.getSpec().getSelector().getMatchLabels());
    labels.put("controller-revision-hash", revision);
    labels.put("pod-template-generation", Long.toString(generation));
    long nodeAge =
        Duration.between(
                Instant.parse(node.getMetadata().getCreationTimestamp()), ClusterRandom.EPOCH)
            .toSeconds();
    long setAge =
        Duration.between(
                Instant.parse(set.getMetadata().getCreationTimestamp()), ClusterRandom.EPOCH)
            .toSeconds();
    long ageSeconds =
        random.between(60, (int) Math.max(60, Math.min(fresh ? 3600 : nodeAge, setAge) - 10));
    SyntheticPods.State state = SyntheticPods.drawState(random);
    Pod pod =
        SyntheticPods.generate(
            random,
            new SyntheticPods.Origin(
                set.getMetadata().getNamespace(),
                prefix + random.suffix(5),
                prefix,
                labels,
                SyntheticPods.controllerOf("apps/v1", set),
                template.spec()),
            template.qos(),
            node,
            // The controller binds the pod itself: it is never waiting for the scheduler.
            state == SyntheticPods.State.UNSCHEDULABLE ? SyntheticPods.State.RUNNING : state,
            ageSeconds);
    List<Toleration> tolerations = new ArrayList<>();
    if (template.spec().getTolerations() != null) {
      tolerations.addAll(template.spec().getTolerations());
    }
    tolerations.addAll(DEFAULT_TOLERATIONS);
    pod.getSpec().setTolerations(tolerations);
    pod.getSpec().setAffinity(onNode(node));
    return pod;
  }

  /** The affinity the DaemonSet controller gives a pod: to {@code node} by name. */
  private static Affinity onNode(Node node) {
    return new AffinityBuilder()
        .withNewNodeAffinity()
        .withNewRequiredDuringSchedulingIgnoredDuringExecution()
        .addNewNodeSelectorTerm()
        .addNewMatchField()
        .withKey("metadata.name")
        .withOperator("In")
        .withValues(node.getMetadata().getName())
        .endMatchField()
        .endNodeSelectorTerm()
        .endRequiredDuringSchedulingIgnoredDuringExecution()
        .endNodeAffinity()
        .build();
  }
}
