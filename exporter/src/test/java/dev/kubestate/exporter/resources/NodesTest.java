package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Node behaviour stated by ksm-metrics.tsv and ksm-behaviour.md 6 and 14. */
class NodesTest {

  private final KindRendering<Node> rendering = new KindRendering<>(new Nodes());

  private static Node withCapacity(Map<String, String> capacity) {
    NodeBuilder b = new NodeBuilder().withNewMetadata().withName("n1").endMetadata();
    var status = b.withNewStatus();
    capacity.forEach((name, q) -> status.addToCapacity(name, new Quantity(q)));
    return status.endStatus().build();
  }

  @Test
  void rendersEmptyNodeWithoutFailures() {
    List<String> lines = rendering.allLines(new Node());

    assertEquals(List.of(), rendering.failures());
    assertTrue(lines.contains("kube_node_spec_unschedulable{node=\"\"} 0"), lines::toString);
  }

  @Test
  void labelsAttachableVolumesAndHugePagesAsBytes() {
    Node node = withCapacity(Map.of("attachable-volumes-aws-ebs", "39", "hugepages-2Mi", "1Gi"));

    List<String> lines = rendering.lines(node, "kube_node_status_capacity");

    assertEquals(
        List.of(
            "kube_node_status_capacity{node=\"n1\",resource=\"attachable_volumes_aws_ebs\","
                + "unit=\"byte\"} 39",
            "kube_node_status_capacity{node=\"n1\",resource=\"hugepages_2Mi\",unit=\"byte\"}"
                + " 1.073741824e+09"),
        lines.stream().sorted().toList());
  }

  @Test
  void exportsExtendedResourcesAsIntegers() {
    Node node = withCapacity(Map.of("example.com/fpga", "2"));

    assertEquals(
        List.of(
            "kube_node_status_capacity{node=\"n1\",resource=\"example_com_fpga\",unit=\"integer\"}"
                + " 2"),
        rendering.lines(node, "kube_node_status_capacity"));
  }

  @Test
  void skipsResourceNamesThatAreNeitherKnownNorExtended() {
    Node node =
        withCapacity(
            Map.of(
                "foo", "1",
                "kubernetes.io/x", "1",
                "requests.example.com/y", "1"));

    assertEquals(List.of(), rendering.lines(node, "kube_node_status_capacity"));
    assertEquals(List.of(), rendering.failures());
  }

  @Test
  void keepsMilliPrecisionForAllocatableOfEveryResource() {
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName("n1")
            .endMetadata()
            .withNewStatus()
            .addToAllocatable("memory", new Quantity("500m"))
            .addToAllocatable("cpu", new Quantity("250u"))
            .addToAllocatable("pods", new Quantity("3920m"))
            .endStatus()
            .build();

    assertEquals(
        List.of(
            "kube_node_status_allocatable{node=\"n1\",resource=\"memory\",unit=\"byte\"} 0.5",
            "kube_node_status_allocatable{node=\"n1\",resource=\"cpu\",unit=\"core\"} 0.001",
            "kube_node_status_allocatable{node=\"n1\",resource=\"pods\",unit=\"integer\"} 3.92"),
        rendering.lines(node, "kube_node_status_allocatable"));
  }

  @Test
  void printsHugeMemoryInExponentForm() {
    Node node = withCapacity(Map.of("memory", "10000T"));

    assertEquals(
        List.of("kube_node_status_capacity{node=\"n1\",resource=\"memory\",unit=\"byte\"} 1e+16"),
        rendering.lines(node, "kube_node_status_capacity"));
  }

  @Test
  void exportsOneRolePerNodeRoleLabel() {
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName("n1")
            .addToLabels("node-role.kubernetes.io/control-plane", "")
            .addToLabels("node-role.kubernetes.io/worker", "true")
            .addToLabels("kubernetes.io/role", "ignored")
            .endMetadata()
            .build();

    assertEquals(
        List.of(
            "kube_node_role{node=\"n1\",role=\"control-plane\"} 1",
            "kube_node_role{node=\"n1\",role=\"worker\"} 1"),
        rendering.lines(node, "kube_node_role").stream().sorted().toList());
  }

  @Test
  void takesTheLastInternalAddressAsInternalIp() {
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName("n1")
            .endMetadata()
            .withNewStatus()
            .addNewAddress("10.0.0.1", "InternalIP")
            .addNewAddress("192.0.2.1", "ExternalIP")
            .addNewAddress("10.0.0.2", "InternalIP")
            .endStatus()
            .build();

    List<String> info = rendering.lines(node, "kube_node_info");

    assertEquals(1, info.size());
    assertTrue(info.get(0).contains(",internal_ip=\"10.0.0.2\"}"), info::toString);
    assertTrue(info.get(0).contains("kubeproxy_version=\"deprecated\""), info::toString);
  }

  @Test
  void writesTaintLabelsInKeyValueEffectOrder() {
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName("n1")
            .endMetadata()
            .withNewSpec()
            .addNewTaint()
            .withKey("dedicated")
            .withValue("db")
            .withEffect("NoSchedule")
            .endTaint()
            .endSpec()
            .build();

    assertEquals(
        List.of(
            "kube_node_spec_taint{node=\"n1\",key=\"dedicated\",value=\"db\","
                + "effect=\"NoSchedule\"} 1"),
        rendering.lines(node, "kube_node_spec_taint"));
  }

  @Test
  void marksUnknownConditionStatus() {
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName("n1")
            .endMetadata()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus("Unknown")
            .endCondition()
            .endStatus()
            .build();

    assertEquals(
        List.of(
            "kube_node_status_condition{node=\"n1\",condition=\"Ready\",status=\"true\"} 0",
            "kube_node_status_condition{node=\"n1\",condition=\"Ready\",status=\"false\"} 0",
            "kube_node_status_condition{node=\"n1\",condition=\"Ready\",status=\"unknown\"} 1"),
        rendering.lines(node, "kube_node_status_condition"));
  }
}
