package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.DeclaredKind;
import dev.kubestate.exporter.metrics.DeclaredKind.Scope;
import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.IdentityLabels;
import dev.kubestate.exporter.metrics.LabelNames;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
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

/** Node families ({@code nodes}). Identity label: {@code node}. */
public final class Nodes extends DeclaredKind<Node> {

  public Nodes() {
    super("nodes", Node.class, "*v1.Node", Scope.CLUSTER, true);
  }

  private static final String ROLE_LABEL_PREFIX = "node-role.kubernetes.io/";

  @Override
  public void identity(Node node, IdentityLabels out) {
    out.add("node", Metadata.meta(node).getName());
  }

  @Override
  public List<Family<Node>> families(ResourceOptions options) {
    return List.of(
        Metadata.annotations("kube_node_annotations", options.annotations()),
        Family.<Node>gauge("kube_node_created", "Unix creation timestamp")
            .stable()
            .with(Metadata::created),
        Family.<Node>gauge("kube_node_deletion_timestamp", "Unix deletion timestamp")
            .with(Metadata::deletionTimestamp),
        Family.<Node>gauge("kube_node_info", "Information about a cluster node.")
            .stable()
            .with(Nodes::info),
        Metadata.labels("kube_node_labels", options.labels()),
        Family.<Node>gauge("kube_node_role", "The role of a cluster node.").with(Nodes::role),
        Family.<Node>gauge("kube_node_spec_pod_cidrs", "The pod CIDRs of a cluster node.")
            .with(Nodes::podCidrs),
        Family.<Node>gauge("kube_node_spec_taint", "The taint of a cluster node.")
            .stable()
            .with(Nodes::taints),
        Family.<Node>gauge("kube_node_spec_unschedulable", "Whether a node can schedule new pods.")
            .stable()
            .with(Nodes::unschedulable),
        Family.<Node>gauge(
                "kube_node_status_allocatable",
                "The allocatable for different resources of a node that are available for"
                    + " scheduling.")
            .stable()
            .with((node, out) -> resources(status(node).getAllocatable(), out)),
        Family.<Node>gauge(
                "kube_node_status_capacity", "The capacity for different resources of a node.")
            .stable()
            .with((node, out) -> resources(status(node).getCapacity(), out)),
        Family.<Node>gauge("kube_node_status_condition", "The condition of a cluster node.")
            .stable()
            .with(Nodes::conditions),
        Family.<Node>gauge("kube_node_status_addresses", "Node address information.")
            .with(Nodes::addresses));
  }

  private static NodeSpec spec(Node node) {
    return node.getSpec() != null ? node.getSpec() : new NodeSpec();
  }

  private static NodeStatus status(Node node) {
    return node.getStatus() != null ? node.getStatus() : new NodeStatus();
  }

  /** One sample; {@code kubeproxy_version} is always "deprecated" (ksm-behaviour.md 14). */
  private static void info(Node node, Samples out) {
    NodeStatus status = status(node);
    NodeSystemInfo info =
        status.getNodeInfo() != null ? status.getNodeInfo() : new NodeSystemInfo();
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
    if (addresses != null) {
      for (NodeAddress a : addresses) {
        if (a != null && "InternalIP".equals(a.getType())) {
          ip = a.getAddress();
        }
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
    List<String> cidrs = spec(node).getPodCIDRs();
    if (cidrs == null) {
      return;
    }
    for (String cidr : cidrs) {
      out.sample("pod_cidr", cidr, 1);
    }
  }

  private static void taints(Node node, Samples out) {
    List<Taint> taints = spec(node).getTaints();
    if (taints == null) {
      return;
    }
    for (Taint t : taints) {
      Taint taint = t != null ? t : new Taint();
      out.begin()
          .label("key", taint.getKey())
          .label("value", taint.getValue())
          .label("effect", taint.getEffect())
          .value(1);
    }
  }

  private static void unschedulable(Node node, Samples out) {
    out.sample(Boolean.TRUE.equals(spec(node).getUnschedulable()) ? 1 : 0);
  }

  /**
   * Allocatable or capacity: every quantity as milli-float, {@code resource} sanitised, {@code
   * unit} by resource name (ksm-behaviour.md 6); names of no known kind give no sample, and a name
   * that is both huge pages (or attachable volumes) and extended gives one sample for each, as
   * KSM's checks are independent.
   */
  private static void resources(Map<String, Quantity> quantities, Samples out) {
    if (quantities == null) {
      return;
    }
    for (Map.Entry<String, Quantity> e : quantities.entrySet()) {
      String name = e.getKey();
      switch (name) {
        case "cpu":
          resource(out, name, "core", e.getValue());
          break;
        case "memory":
        case "storage":
        case "ephemeral-storage":
          resource(out, name, "byte", e.getValue());
          break;
        case "pods":
          resource(out, name, "integer", e.getValue());
          break;
        default:
          if (ResourceNames.isHugePages(name)) {
            resource(out, name, "byte", e.getValue());
          }
          if (ResourceNames.isAttachableVolumes(name)) {
            resource(out, name, "byte", e.getValue());
          }
          if (ResourceNames.isExtended(name)) {
            resource(out, name, "integer", e.getValue());
          }
      }
    }
  }

  /** A null quantity counts as zero, as Go's zero {@code Quantity}. */
  private static void resource(Samples out, String name, String unit, Quantity quantity) {
    double value = quantity == null ? 0 : Quantities.milliFloat(quantity);
    out.begin()
        .label("resource", LabelNames.sanitizeResourceName(name))
        .label("unit", unit)
        .value(value);
  }

  private static void conditions(Node node, Samples out) {
    List<NodeCondition> conditions = status(node).getConditions();
    if (conditions == null) {
      return;
    }
    for (NodeCondition c : conditions) {
      NodeCondition cond = c != null ? c : new NodeCondition();
      Conditions.write(out, "condition", cond.getType(), "status", cond.getStatus());
    }
  }

  private static void addresses(Node node, Samples out) {
    List<NodeAddress> addresses = status(node).getAddresses();
    if (addresses == null) {
      return;
    }
    for (NodeAddress a : addresses) {
      NodeAddress address = a != null ? a : new NodeAddress();
      out.begin().label("type", address.getType()).label("address", address.getAddress()).value(1);
    }
  }
}
