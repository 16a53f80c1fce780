package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every object the kustomizations render parses strictly: fabric8's model for built-in kinds, the
 * Prometheus Operator's CRD schemas for its kinds. A misspelt field or a wrong type fails, as it
 * would on {@code kubectl apply} (strict field validation).
 */
class StrictModelTest {

  private static final List<String> BASE_KINDS =
      List.of(
          "Namespace",
          "ServiceAccount",
          "ClusterRole",
          "ClusterRoleBinding",
          "Role",
          "RoleBinding",
          "Service",
          "StatefulSet",
          "PodDisruptionBudget");
  private static final List<String> MONITORING_KINDS =
      List.of("ServiceMonitor", "PrometheusRule", "ConfigMap");

  static Stream<Arguments> kustomizations() {
    return Stream.of(
        Arguments.of(RenderedManifests.BASE, BASE_KINDS),
        Arguments.of(RenderedManifests.MONITORING, concat(BASE_KINDS, MONITORING_KINDS)),
        Arguments.of(
            RenderedManifests.MONITORING_NETWORK_POLICY,
            concat(BASE_KINDS, MONITORING_KINDS, List.of("NetworkPolicy"))));
  }

  @ParameterizedTest
  @MethodSource("kustomizations")
  void everyRenderedObjectParsesStrictly(Path dir, List<String> kinds)
      throws IOException, InterruptedException {
    List<String> rendered = new ArrayList<>();
    for (HasMetadata o : RenderedManifests.of(dir).objects()) {
      rendered.add(o.getKind());
    }
    assertEquals(sorted(kinds), sorted(rendered));
  }

  @Test
  void rejectsAFieldTheModelDoesNotHave() throws Exception {
    assertRejected(
        "statefulset-unknown-field.yaml", "StatefulSet kube-state-exporter", "securityContxt");
  }

  @Test
  void rejectsAValueOfTheWrongType() throws Exception {
    assertRejected("statefulset-wrong-type.yaml", "StatefulSet kube-state-exporter", "three");
  }

  @Test
  void rejectsAFieldTheServiceMonitorCrdDoesNotHave() throws Exception {
    assertRejected(
        "servicemonitor-unknown-field.yaml",
        "ServiceMonitor kube-state-exporter",
        "ServiceMonitor.spec.endpoints[0].honourLabels: unknown field");
  }

  @Test
  void rejectsAnUnknownMetadataFieldOfACustomResource() throws Exception {
    assertRejected(
        "servicemonitor-unknown-metadata-field.yaml",
        "ServiceMonitor kube-state-exporter",
        "label");
  }

  @Test
  void rejectsARuleWithoutExprOrWithABadDuration() throws Exception {
    String message =
        assertRejected(
            "prometheusrule-without-expr.yaml",
            "PrometheusRule kube-state-exporter",
            "PrometheusRule.spec.groups[0].rules[0].expr: required field missing");
    assertTrue(message.contains("rules[0].for: \"fifteen minutes\" does not match"), message);
  }

  private static String assertRejected(String file, String object, String detail)
      throws IOException, URISyntaxException {
    Path path = Path.of(StrictModelTest.class.getResource("/deploy/strict/" + file).toURI());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> StrictModel.parse(YamlDocuments.single(path)),
            file);
    assertTrue(e.getMessage().startsWith(object + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(detail), e.getMessage());
    return e.getMessage();
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> out = new ArrayList<>();
    for (List<String> list : lists) {
      out.addAll(list);
    }
    return out;
  }

  private static List<String> sorted(List<String> list) {
    List<String> out = new ArrayList<>(list);
    out.sort(null);
    return out;
  }
}
