package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderedObject;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Resource and unit rules of container requests and limits, from reference/ksm-behaviour.md 6
 * (quantities, {@code resource} sanitising, {@code unit}, extended resources).
 */
class ContainerResourcesTest {

  private static final String PREFIX =
      "kube_pod_container_resource_requests{namespace=\"ns\",pod=\"p\",uid=\"u\","
          + "container=\"c\",node=\"node-1\",";

  private final List<String> failures = new ArrayList<>();
  private final KindRenderer<Pod> renderer =
      new KindRenderer<>(
          new Pods(),
          ResourceOptions.defaults(),
          FamilyFilter.of(List.of("^kube_pod_container_resource_requests$"), List.of(), List.of()),
          (resource, family, object, error) -> failures.add(family + ": " + error),
          ObjectNames::describe);

  @Test
  void cpuIsInCoresRoundedUpToMilli() {
    assertEquals(
        List.of(PREFIX + "resource=\"cpu\",unit=\"core\"} 0.001"), requests(Map.of("cpu", "250u")));
    assertEquals(
        List.of(PREFIX + "resource=\"cpu\",unit=\"core\"} 3.92"), requests(Map.of("cpu", "3920m")));
  }

  @Test
  void memoryIsWholeBytesRoundedUp() {
    assertEquals(
        List.of(PREFIX + "resource=\"memory\",unit=\"byte\"} 1"),
        requests(Map.of("memory", "500m")));
    assertEquals(
        List.of(PREFIX + "resource=\"memory\",unit=\"byte\"} 1.610612736e+09"),
        requests(Map.of("memory", "1.5Gi")));
  }

  @Test
  void hugePagesAndAttachableVolumesAreBytes() {
    Map<String, String> amounts = new LinkedHashMap<>();
    amounts.put("hugepages-2Mi", "1Mi");
    amounts.put("attachable-volumes-aws-ebs", "39");

    assertEquals(
        List.of(
            PREFIX + "resource=\"hugepages_2Mi\",unit=\"byte\"} 1.048576e+06",
            PREFIX + "resource=\"attachable_volumes_aws_ebs\",unit=\"byte\"} 39"),
        requests(amounts));
  }

  @Test
  void extendedResourceIsAnIntegerWithSanitisedName() {
    assertEquals(
        List.of(PREFIX + "resource=\"example_com_foo\",unit=\"integer\"} 2"),
        requests(Map.of("example.com/foo", "2")));
  }

  @Test
  void otherResourceNamesGiveNoSample() {
    Map<String, String> amounts = new LinkedHashMap<>();
    amounts.put("foo", "1");
    amounts.put("kubernetes.io/x", "1");
    amounts.put("requests.example.com/foo", "1");

    assertEquals(List.of(), requests(amounts));
    assertEquals(List.of(), failures);
  }

  @Test
  void extendedNameRules() {
    assertTrue(ResourceNames.isExtended("nvidia.com/gpu"));
    assertFalse(ResourceNames.isExtended("foo"));
    assertFalse(ResourceNames.isExtended("kubernetes.io/foo"));
    assertFalse(ResourceNames.isExtended("requests.example.com/foo"));
    assertFalse(ResourceNames.isExtended("example.com/a/b"));
    assertFalse(ResourceNames.isExtended("Example.com/foo"));
    assertFalse(ResourceNames.isExtended("example.com/-foo"));
  }

  private List<String> requests(Map<String, String> amounts) {
    Map<String, Quantity> quantities = new LinkedHashMap<>();
    amounts.forEach((k, v) -> quantities.put(k, new Quantity(v)));
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("p")
            .withUid("u")
            .endMetadata()
            .withNewSpec()
            .withNodeName("node-1")
            .addNewContainer()
            .withName("c")
            .withNewResources()
            .withRequests(quantities)
            .endResources()
            .endContainer()
            .endSpec()
            .build();
    RenderedObject rendered = renderer.render(pod);
    String text = new String(rendered.bytes(), 0, rendered.size(), StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : List.of(text.split("\n"));
  }
}
