package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nodes of a synthetic cluster: a few control-plane nodes and workers of several instance types
 * spread over three zones, with capacity, allocatable, conditions, addresses, node info and taints
 * as a cloud cluster reports them. Stateless.
 */
final class SyntheticNodes {

  /** An instance type: cores, memory in GiB, CPU architecture. */
  private record InstanceType(String name, int cores, int memoryGi, String arch) {}

  private static final List<InstanceType> WORKER_TYPES =
      List.of(
          new InstanceType("m5.xlarge", 4, 16, "amd64"),
          new InstanceType("m5.2xlarge", 8, 32, "amd64"),
          new InstanceType("m5.2xlarge", 8, 32, "amd64"),
          new InstanceType("c5.4xlarge", 16, 32, "amd64"),
          new InstanceType("r5.2xlarge", 8, 64, "amd64"),
          new InstanceType("m6g.2xlarge", 8, 32, "arm64"));

  private static final InstanceType CONTROL_PLANE_TYPE =
      new InstanceType("m5.large", 2, 8, "amd64");

  static final String REGION = "eu-west-1";

  /** The role label of control-plane nodes, also the key of their taint. */
  static final String CONTROL_PLANE = "node-role.kubernetes.io/control-plane";

  static final List<String> ZONES = List.of("eu-west-1a", "eu-west-1b", "eu-west-1c");

  private SyntheticNodes() {}

  /**
   * {@code count} nodes; the first one to three are control-plane nodes (count permitting), and one
   * worker in twenty, from the fifth on, is dedicated to batch work (tainted {@code
   * dedicated=batch:NoSchedule}).
   */
  static List<Node> generate(ClusterRandom random, int count) {
    int controlPlanes = count >= 10 ? 3 : Math.min(1, count);
    List<Node> nodes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean cp = i < controlPlanes;
      boolean dedicated = !cp && (i - controlPlanes) % 20 == 4;
      nodes.add(
          node(random, i, cp, dedicated, cp ? CONTROL_PLANE_TYPE : random.pick(WORKER_TYPES)));
    }
    return nodes;
  }

  /** Whether the scheduler places ordinary pods on {@code node}: not cordoned, no taints. */
  static boolean schedulable(Node node) {
    return !Boolean.TRUE.equals(node.getSpec().getUnschedulable()) && !tainted(node);
  }

  /** Whether {@code node} has a taint (all synthetic taints are NoSchedule). */
  static boolean tainted(Node node) {
    return node.getSpec().getTaints() != null && !node.getSpec().getTaints().isEmpty();
  }

  /** The zone label of {@code node}. */
  static String zone(Node node) {
    return node.getMetadata().getLabels().get("topology.kubernetes.io/zone");
  }

  private static Node node(
      ClusterRandom random, int index, boolean controlPlane, boolean dedicated, InstanceType type) {
    String zone = ZONES.get(index % ZONES.size());
    String ip = "10.0." + (index / 250) + "." + (10 + index % 250);
    String name = "ip-" + ip.replace('.', '-') + "." + REGION + ".compute.internal";
    long ageSeconds = controlPlane ? 400L * 86400 : random.between(3600, 120 * 86400);
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("beta.kubernetes.io/arch", type.arch());
    labels.put("beta.kubernetes.io/os", "linux");
    labels.put("kubernetes.io/arch", type.arch());
    labels.put("kubernetes.io/hostname", name);
    labels.put("kubernetes.io/os", "linux");
    labels.put("node.kubernetes.io/instance-type", type.name());
    labels.put("topology.kubernetes.io/region", REGION);
    labels.put("topology.kubernetes.io/zone", zone);
    labels.put(controlPlane ? CONTROL_PLANE : "node-role.kubernetes.io/worker", "");
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid(random.uid())
        .withCreationTimestamp(ClusterRandom.before(ageSeconds))
        .withLabels(labels)
        .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
        .addToAnnotations("volumes.kubernetes.io/controller-managed-attach-detach", "true")
        .endMetadata()
        .withNewSpec()
        .withPodCIDR("10.244." + index + ".0/24")
        .withProviderID("aws:///" + zone + "/i-0" + random.hex(16))
        .withTaints(taints(controlPlane, dedicated))
        .withUnschedulable(!controlPlane && random.chance(0.02) ? Boolean.TRUE : null)
        .endSpec()
        .withNewStatus()
        .withCapacity(resources(type, 0, 0))
        .withAllocatable(resources(type, 100 + 10 * type.cores(), 1024))
        .withConditions(conditions(random, ageSeconds))
        .withAddresses(
            new NodeAddress(ip, "InternalIP"),
            new NodeAddress(name, "Hostname"),
            new NodeAddress(name, "InternalDNS"))
        .withNewNodeInfo()
        .withArchitecture(type.arch())
        .withBootID(random.uid())
        .withContainerRuntimeVersion("containerd://1.7.2" + random.below(3))
        .withKernelVersion("6.1.11" + random.below(10) + "-13" + random.below(10) + ".amzn2023")
        .withKubeProxyVersion("v1.31.4")
        .withKubeletVersion(controlPlane || random.chance(0.8) ? "v1.31.4" : "v1.30.8")
        .withMachineID(random.hex(32))
        .withOperatingSystem("linux")
        .withOsImage("Amazon Linux 2023.6.20250107")
        .withSystemUUID(random.uid())
        .endNodeInfo()
        .endStatus()
        .build();
  }

  private static List<Taint> taints(boolean controlPlane, boolean dedicated) {
    List<Taint> taints = new ArrayList<>();
    if (controlPlane) {
      taints.add(new Taint("NoSchedule", CONTROL_PLANE, null, null));
    } else if (dedicated) {
      taints.add(new Taint("NoSchedule", "dedicated", null, "batch"));
    }
    return taints;
  }

  private static Map<String, Quantity> resources(
      InstanceType type, int reservedMilli, int reservedMi) {
    Map<String, Quantity> out = new LinkedHashMap<>();
    out.put(
        "cpu",
        reservedMilli == 0
            ? new Quantity(Integer.toString(type.cores()))
            : new Quantity((type.cores() * 1000 - reservedMilli) + "m"));
    out.put("ephemeral-storage", new Quantity(reservedMi == 0 ? "104845292Ki" : "96625420948"));
    out.put("hugepages-1Gi", new Quantity("0"));
    out.put("hugepages-2Mi", new Quantity("0"));
    out.put("memory", new Quantity((type.memoryGi() * 1024 * 1024 - reservedMi * 1024) + "Ki"));
    out.put("pods", new Quantity(type.cores() <= 2 ? "29" : "110"));
    return out;
  }

  private static List<NodeCondition> conditions(ClusterRandom random, long ageSeconds) {
    boolean ready = !random.chance(0.02);
    boolean memoryPressure = ready && random.chance(0.02);
    String since = ClusterRandom.before(random.between(60, (int) Math.min(ageSeconds, 86400)));
    String boot = ClusterRandom.before(ageSeconds);
    List<NodeCondition> out = new ArrayList<>();
    out.add(
        condition(
            "MemoryPressure",
            memoryPressure,
            memoryPressure ? since : boot,
            memoryPressure ? "KubeletHasInsufficientMemory" : "KubeletHasSufficientMemory"));
    out.add(condition("DiskPressure", false, boot, "KubeletHasNoDiskPressure"));
    out.add(condition("PIDPressure", false, boot, "KubeletHasSufficientPID"));
    out.add(
        condition(
            "Ready", ready, ready ? boot : since, ready ? "KubeletReady" : "KubeletNotReady"));
    return out;
  }

  /** A node condition; {@code status} true means "True" (for Ready, healthy; else, a problem). */
  static NodeCondition condition(String type, boolean status, String since, String reason) {
    return new NodeConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withLastHeartbeatTime(ClusterRandom.before(30))
        .withLastTransitionTime(since)
        .withReason(reason)
        .withMessage(type.equals("Ready") && status ? "kubelet is posting ready status" : null)
        .build();
  }
}
