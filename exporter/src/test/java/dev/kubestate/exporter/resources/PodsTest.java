package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderedObject;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodResourceClaim;
import io.fabric8.kubernetes.api.model.PodResourceClaimStatus;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pod behaviour that the KSM vectors do not pin but reference/ksm-metrics.tsv (value column) and
 * reference/ksm-behaviour.md state. Expected lines are written from those facts.
 */
class PodsTest {

  private static final String ID = "namespace=\"ns\",pod=\"p\",uid=\"u\"";

  private final List<String> failures = new ArrayList<>();
  private final KindRenderer<Pod> renderer =
      new KindRenderer<>(
          new Pods(),
          ResourceOptions.defaults(),
          FamilyFilter.of(List.of(), List.of(), List.of("kube_pod_nodeselectors")),
          (resource, family, object, error) -> failures.add(family + ": " + error),
          ObjectNames::describe);

  @Test
  void emptyPodRendersEveryFamilyWithoutFailure() {
    RenderedObject rendered = renderer.render(new Pod());

    assertNotNull(rendered);
    assertEquals(List.of(), failures);
    assertEquals(60, rendered.familyCount());
  }

  @Test
  void emptyNestedObjectsRenderWithoutFailure() {
    Pod pod = new Pod();
    PodSpec spec = new PodSpec();
    Container container = new Container();
    container.setResources(new ResourceRequirements());
    spec.setContainers(List.of(container));
    spec.setInitContainers(List.of(new Container()));
    spec.setVolumes(List.of(new Volume()));
    spec.setTolerations(List.of(new Toleration()));
    spec.setResourceClaims(List.of(new PodResourceClaim()));
    spec.setOverhead(Map.of());
    spec.setNodeSelector(null);
    pod.setSpec(spec);
    PodStatus status = new PodStatus();
    ContainerStatus cs = new ContainerStatus();
    cs.setState(new ContainerState());
    cs.setLastState(new ContainerState());
    status.setContainerStatuses(List.of(cs, new ContainerStatus()));
    status.setInitContainerStatuses(List.of(new ContainerStatus()));
    status.setConditions(List.of(new PodCondition()));
    status.setPodIPs(List.of(new PodIP()));
    status.setResourceClaimStatuses(List.of(new PodResourceClaimStatus()));
    pod.setStatus(status);

    assertNotNull(renderer.render(pod));
    assertEquals(List.of(), failures);
  }

  @Test
  void emptyPodHasTheConstantSamplesWithEmptyValues() {
    Pod pod = new Pod();
    String id = "namespace=\"\",pod=\"\",uid=\"\"";

    assertEquals(
        List.of(
            "kube_pod_info{"
                + id
                + ",host_ip=\"\",pod_ip=\"\",node=\"\",created_by_kind=\"\","
                + "created_by_name=\"\",priority_class=\"\",host_network=\"false\"} 1"),
        lines(pod, "kube_pod_info"));
    assertEquals(
        List.of(
            "kube_pod_owner{"
                + id
                + ",owner_kind=\"\",owner_name=\"\",owner_is_controller=\"\"} 1"),
        lines(pod, "kube_pod_owner"));
    assertEquals(
        List.of("kube_pod_restart_policy{" + id + ",type=\"\"} 1"),
        lines(pod, "kube_pod_restart_policy"));
    assertEquals(
        List.of("kube_pod_nodeselectors{" + id + "} 1"), lines(pod, "kube_pod_nodeselectors"));
    assertEquals(List.of(), lines(pod, "kube_pod_status_phase"));
    assertEquals(List.of(), lines(pod, "kube_pod_status_qos_class"));
    assertEquals(List.of(), lines(pod, "kube_pod_labels"));
    assertEquals(List.of(), failures);
  }

  @Test
  void ownerWithUnsetControllerIsNotController() {
    Pod pod =
        pod()
            .editMetadata()
            .withOwnerReferences(
                new OwnerReferenceBuilder().withKind("ReplicaSet").withName("rs").build(),
                new OwnerReferenceBuilder()
                    .withKind("Node")
                    .withName("n1")
                    .withController(false)
                    .build())
            .endMetadata()
            .build();

    assertEquals(
        List.of(
            "kube_pod_owner{"
                + ID
                + ",owner_kind=\"ReplicaSet\",owner_name=\"rs\",owner_is_controller=\"false\"} 1",
            "kube_pod_owner{"
                + ID
                + ",owner_kind=\"Node\",owner_name=\"n1\",owner_is_controller=\"false\"} 1"),
        lines(pod, "kube_pod_owner"));
    assertEquals(
        List.of(
            "kube_pod_info{"
                + ID
                + ",host_ip=\"\",pod_ip=\"\",node=\"\",created_by_kind=\"\","
                + "created_by_name=\"\",priority_class=\"\",host_network=\"false\"} 1"),
        lines(pod, "kube_pod_info"));
  }

  @Test
  void infoNamesTheControllerOwner() {
    Pod pod =
        pod()
            .editMetadata()
            .withOwnerReferences(
                new OwnerReferenceBuilder().withKind("Node").withName("n1").build(),
                new OwnerReferenceBuilder()
                    .withKind("StatefulSet")
                    .withName("web")
                    .withController(true)
                    .build())
            .endMetadata()
            .build();

    assertEquals(
        List.of(
            "kube_pod_info{"
                + ID
                + ",host_ip=\"\",pod_ip=\"\",node=\"\","
                + "created_by_kind=\"StatefulSet\",created_by_name=\"web\",priority_class=\"\","
                + "host_network=\"false\"} 1"),
        lines(pod, "kube_pod_info"));
  }

  @Test
  void statusReasonListsKnownReasonsInOrderThenOther() {
    Pod pod =
        pod()
            .withNewStatus()
            .withReason("SomethingNew")
            .withConditions(new PodConditionBuilder().withType("X").withReason("Shutdown").build())
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("c")
                    .withNewState()
                    .withNewTerminated()
                    .withReason("Evicted")
                    .endTerminated()
                    .endState()
                    .build())
            .endStatus()
            .build();

    assertEquals(
        List.of(
            "kube_pod_status_reason{" + ID + ",reason=\"Evicted\"} 1",
            "kube_pod_status_reason{" + ID + ",reason=\"Shutdown\"} 1",
            "kube_pod_status_reason{" + ID + ",reason=\"Other\"} 1"),
        lines(pod, "kube_pod_status_reason"));
  }

  @Test
  void knownStatusReasonGivesNoOther() {
    Pod pod = pod().withNewStatus().withReason("UnexpectedAdmissionError").endStatus().build();

    assertEquals(
        List.of("kube_pod_status_reason{" + ID + ",reason=\"UnexpectedAdmissionError\"} 1"),
        lines(pod, "kube_pod_status_reason"));
  }

  @Test
  void disruptionTargetWithoutReasonIsOther() {
    Pod pod =
        pod()
            .withNewStatus()
            .withConditions(new PodConditionBuilder().withType("DisruptionTarget").build())
            .endStatus()
            .build();

    assertEquals(
        List.of("kube_pod_status_disruption_reason{" + ID + ",reason=\"Other\"} 1"),
        lines(pod, "kube_pod_status_disruption_reason"));
  }

  @Test
  void qosClassGivesThreeSamplesInKsmOrder() {
    Pod pod = pod().withNewStatus().withQosClass("Burstable").endStatus().build();

    assertEquals(
        List.of(
            "kube_pod_status_qos_class{" + ID + ",qos_class=\"BestEffort\"} 0",
            "kube_pod_status_qos_class{" + ID + ",qos_class=\"Burstable\"} 1",
            "kube_pod_status_qos_class{" + ID + ",qos_class=\"Guaranteed\"} 0"),
        lines(pod, "kube_pod_status_qos_class"));
  }

  @Test
  void unscheduledPodHasUnschedulableAndUnscheduledTime() {
    Pod pod =
        pod()
            .withNewStatus()
            .withConditions(
                new PodConditionBuilder()
                    .withType("PodScheduled")
                    .withStatus("False")
                    .withLastTransitionTime("2017-08-02T09:26:58Z")
                    .build())
            .endStatus()
            .build();

    assertEquals(
        List.of("kube_pod_status_unschedulable{" + ID + "} 1"),
        lines(pod, "kube_pod_status_unschedulable"));
    assertEquals(
        List.of("kube_pod_status_unscheduled_time{" + ID + "} 1.501666018e+09"),
        lines(pod, "kube_pod_status_unscheduled_time"));
    assertEquals(List.of(), lines(pod, "kube_pod_status_scheduled_time"));
  }

  @Test
  void completionTimeIsTheLatestFinishAmongTerminatedContainers() {
    Pod pod =
        pod()
            .withNewStatus()
            .withContainerStatuses(
                terminated("a", "2017-08-03T16:16:58Z"),
                terminated("b", "2017-08-03T16:59:07Z"),
                new ContainerStatusBuilder().withName("c").build())
            .endStatus()
            .build();

    assertEquals(
        List.of("kube_pod_completion_time{" + ID + "} 1.501779547e+09"),
        lines(pod, "kube_pod_completion_time"));
  }

  @Test
  void overheadIsInCoresAndBytes() {
    Pod pod =
        pod()
            .withNewSpec()
            .withOverhead(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("128Mi")))
            .endSpec()
            .build();

    assertEquals(
        List.of("kube_pod_overhead_cpu_cores{" + ID + "} 0.25"),
        lines(pod, "kube_pod_overhead_cpu_cores"));
    assertEquals(
        List.of("kube_pod_overhead_memory_bytes{" + ID + "} 1.34217728e+08"),
        lines(pod, "kube_pod_overhead_memory_bytes"));
  }

  @Test
  void runtimeClassOnlyWhenSet() {
    Pod with = pod().withNewSpec().withRuntimeClassName("gvisor").endSpec().build();

    assertEquals(
        List.of("kube_pod_runtimeclass_name_info{" + ID + ",runtimeclass_name=\"gvisor\"} 1"),
        lines(with, "kube_pod_runtimeclass_name_info"));
    assertEquals(List.of(), lines(pod().build(), "kube_pod_runtimeclass_name_info"));
  }

  @Test
  void unparsablePodIpIsSkipped() {
    Pod pod =
        pod()
            .withNewStatus()
            .withPodIPs(
                new PodIPBuilder().withIp("not-an-ip").build(),
                new PodIPBuilder().withIp("10.0.0.7").build(),
                new PodIPBuilder().withIp("2001:db8::7").build())
            .endStatus()
            .build();

    assertEquals(
        List.of(
            "kube_pod_ips{" + ID + ",ip=\"10.0.0.7\",ip_family=\"4\"} 1",
            "kube_pod_ips{" + ID + ",ip=\"2001:db8::7\",ip_family=\"6\"} 1"),
        lines(pod, "kube_pod_ips"));
  }

  @Test
  void containerInfoOnlyForContainersWithStatus() {
    Pod pod =
        pod()
            .withNewSpec()
            .addNewContainer()
            .withName("with-status")
            .withImage("img:spec")
            .endContainer()
            .addNewContainer()
            .withName("without-status")
            .endContainer()
            .addNewInitContainer()
            .withName("init")
            .withImage("init:spec")
            .endInitContainer()
            .endSpec()
            .withNewStatus()
            .withContainerStatuses(new ContainerStatusBuilder().withName("with-status").build())
            .withInitContainerStatuses(new ContainerStatusBuilder().withName("init").build())
            .endStatus()
            .build();

    assertEquals(
        List.of(
            "kube_pod_container_info{"
                + ID
                + ",container=\"with-status\",image_spec=\"img:spec\","
                + "image=\"\",image_id=\"\",container_id=\"\"} 1"),
        lines(pod, "kube_pod_container_info"));
    assertEquals(
        List.of(
            "kube_pod_init_container_info{"
                + ID
                + ",container=\"init\",image_spec=\"init:spec\","
                + "image=\"\",image_id=\"\",container_id=\"\",restart_policy=\"\"} 1"),
        lines(pod, "kube_pod_init_container_info"));
  }

  @Test
  void tableAgreesWithTheReferenceRowByRow() throws IOException {
    Path tsv = referenceTable();
    assumeTrue(tsv != null, "reference/ksm-metrics.tsv not found above the working directory");
    List<String> expected = new ArrayList<>();
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      String[] col = line.split("\t");
      if (col[0].equals("pods")) {
        expected.add(col[1] + " " + col[2] + " " + col[3] + " " + col[4] + " " + col[6]);
      }
    }

    List<String> actual = new ArrayList<>();
    for (Family<Pod> f : new Pods().families(ResourceOptions.defaults())) {
      String type = f.type().name().toLowerCase(Locale.ROOT);
      String status = f.isOptIn() ? "opt-in" : "default";
      actual.add(f.name() + " " + type + " " + f.stability() + " " + status + " " + f.fullHelp());
    }

    assertEquals(expected, actual);
  }

  private static PodBuilder pod() {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("ns")
        .withName("p")
        .withUid("u")
        .endMetadata();
  }

  private static ContainerStatus terminated(String name, String finishedAt) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withNewState()
        .withNewTerminated()
        .withFinishedAt(finishedAt)
        .endTerminated()
        .endState()
        .build();
  }

  /** The shared reference table, searched upwards from the working directory, or null. */
  private static Path referenceTable() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared/reference/ksm-metrics.tsv");
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** The lines {@code family} renders for {@code pod}, in generator order. */
  private List<String> lines(Pod pod, String family) {
    RenderedObject rendered = renderer.render(pod);
    for (int f = 0; f < renderer.familyCount(); f++) {
      if (renderer.families().get(f).name().equals(family)) {
        int start = rendered.start(f);
        String text =
            new String(rendered.bytes(), start, rendered.end(f) - start, StandardCharsets.UTF_8);
        return text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
      }
    }
    throw new AssertionError("no family " + family);
  }
}
