package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.flag;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.LabelNames;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import dev.kubestate.exporter.resources.ResourceNames.Unit;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSpec;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;

/** Node families ({@code nodes}); identity {@code node}. */
public final class Nodes extends KubernetesKind<Node> {

  private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";

  /** A node's {@code pods} capacity, the one count KSM exports for nodes but not containers. */
  private static final List<Unit> PODS_UNITS = List.of(Unit.INTEGER);

  public Nodes() {
    super(Node.class);
  }

  @Override
  public List<Family<Node>> families(ResourceOptions options) {
    return List.of(
        annotations("kube_node_annotations", ALPHA, options),
        created("kube_node_created", STABLE),
        deletionTimestamp("kube_node_deletion_timestamp", ALPHA),
        gauge("kube_node_info", "Information about a cluster node.", STABLE, Nodes::info),
        labels("kube_node_labels", STABLE, options),
        gauge("kube_node_role", "The role of a cluster node.", ALPHA, Nodes::role),
        gauge("kube_node_spec_pod_cidrs", "The pod CIDRs of a cluster node.", ALPHA,
            Nodes::podCidrs),
        gauge("kube_node_spec_taint", "The taint of a cluster node.", STABLE, Nodes::taints),
        gauge("kube_node_spec_unschedulable", "Whether a node can schedule new pods.", STABLE,
            flag(n -> spec(n).getUnschedulable())),
        gauge("kube_node_status_allocatable", "The allocatable for different resources of a node"
                + " that are available for scheduling.", STABLE,
            (n, out) -> resources(status(n).getAllocatable(), out)),
        gauge("kube_node_status_capacity", "The capacity for different resources of a node.",
            STABLE, (n, out) -> resources(status(n).getCapacity(), out)),
        gauge("kube_node_status_condition", "The condition of a cluster node.", STABLE,
            Nodes::conditions),
        gauge("kube_node_status_addresses", "Node address information.", ALPHA,
            Nodes::addresses));
  }

  private static NodeSpec spec(Node node) {
    return orZero(node.getSpec(), NodeSpec::new);
  }

  private static NodeStatus status(Node node) {
    return orZero(node.getStatus(), NodeStatus::new);
  }

  /** One sample; {@code kubeproxy_version} is always "deprecated" (ksm-behaviour.md 14). */
  private static void info(Node node, Samples out) {
    NodeStatus status = status(node);
    NodeSystemInfo info = orZero(status.getNodeInfo(), NodeSystemInfo::new);
    NodeSpec spec = spec(node);
    out.begin()
        .label("kernel_version", info.getKernelVersion())
        .label("os_image", info.getOsImage())
        .label("container_runtime_version", info.getContainerRuntimeVersion())
        .label("kubelet_version", info.getKubeletVersion())
        .label("kubeproxy_version", "deprecated")
        .label("provider_id", spec.getProviderID())
        .label("pod_cidr", spec.getPodCIDR())
        .label("system_uuid", info.getSystemUUID())
        .label("internal_ip", internalIp(status.getAddresses()))
        .value(1);
  }

  /** The last {@code InternalIP} address, or null when there is none. */
  private static String internalIp(List<NodeAddress> addresses) {
    String ip = null;
    for (NodeAddress a : items(addresses, NodeAddress::new)) {
      if ("InternalIP".equals(a.getType())) {
        ip = a.getAddress();
      }
    }
    return ip;
  }

  /** One sample per label key under {@code node-role.kubernetes.io/}, role = the rest. */
  private static void role(Node node, Samples out) {
    Map<String, String> labels = Metadata.meta(node).getLabels();
    if (labels == null) {
      return;
    }
    for (String key : labels.keySet()) {
      if (key != null && key.startsWith(ROLE_LABEL_PREFIX)) {
        out.sample("role", key.substring(ROLE_LABEL_PREFIX.length()), 1);
      }
    }
  }

  private static void podCidrs(Node node, Samples out) {
    for (String cidr : items(spec(node).getPodCIDRs())) {
      out.sample("pod_cidr", cidr, 1);
    }
  }

  private static void taints(Node node, Samples out) {
    for (Taint t : items(spec(node).getTaints(), Taint::new)) {
      out.begin()
          .label("key", t.getKey())
          .label("value", t.getValue())
          .label("effect", t.getEffect())
          .value(1);
    }
  }

  /**
   * Allocatable or capacity: every quantity as milli-float, {@code resource} sanitised, one
   * sample per unit of {@link ResourceNames#units} plus {@code pods} as an integer
   * (ksm-behaviour.md 6). A null quantity counts as zero, as Go's zero {@code Quantity}.
   */
  private static void resources(Map<String, Quantity> quantities, Samples out) {
    if (quantities == null) {
      return;
    }
    for (Map.Entry<String, Quantity> e : quantities.entrySet()) {
      String name = e.getKey();
      List<Unit> units = name.equals("pods") ? PODS_UNITS : ResourceNames.units(name);
      for (int i = 0; i < units.size(); i++) {
        out.begin()
            .label("resource", LabelNames.sanitizeResourceName(name))
            .label("unit", units.get(i).label())
            .value(Quantities.milliFloat(e.getValue()));
      }
    }
  }

  private static void conditions(Node node, Samples out) {
    for (NodeCondition c : items(status(node).getConditions(), NodeCondition::new)) {
      Conditions.STATUS.write(out.begin().label("condition", c.getType()), c.getStatus());
    }
  }

  private static void addresses(Node node, Samples out) {
    for (NodeAddress a : items(status(node).getAddresses(), NodeAddress::new)) {
      out.begin().label("type", a.getType()).label("address", a.getAddress()).value(1);
    }
  }
}
