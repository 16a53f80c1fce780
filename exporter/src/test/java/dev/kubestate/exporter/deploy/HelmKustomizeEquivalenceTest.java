package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.resources.Kinds;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The chart renders what the kustomizations build: its defaults give the base deploy/statefulset,
 * monitoring on gives deploy/overlays/monitoring, monitoring with the network policy gives
 * deploy/overlays/monitoring-network-policy, and the web config from the overlay's Secret with the
 * auth filter gives deploy/overlays/tls ({@code --tls-config}, {@code --auth-filter}, the Secret
 * volume and its read-only mount beside {@code /tmp}, HTTPS probes, the review rights) (release
 * and namespace {@code kube-state-exporter}).
 * The same objects by kind, name and namespace, each the same field for field (StatefulSet with its
 * container's args, env, security contexts, probes, mounts and scheduling; RBAC rules; Service
 * ports; ServiceMonitor endpoints; rules; dashboard), except exactly these:
 *
 * <ul>
 *   <li>the Namespace object: Helm installs into the release namespace ({@code --create-namespace});
 *   <li>labels: the chart's objects carry Helm's standard labels besides every label of the
 *       kustomize object, and its selectors add {@code app.kubernetes.io/instance} (every selector
 *       must still select the pods);
 *   <li>the image: the same repository, tagged with the chart's appVersion;
 *   <li>{@code --resources}: the chart passes its {@code collectors}, which by default are exactly
 *       the exporter's default set, where the base passes none;
 *   <li>the dashboard's JSON text, compared as JSON.
 * </ul>
 */
class HelmKustomizeEquivalenceTest {

  private static final String EXPORTER_LABELS = "<the exporter's labels>";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Stream<Arguments> renders() {
    String monitoring = "prometheus: {monitor: {enabled: true}}\n"
        + "prometheusRule: {enabled: true}\ndashboard: {enabled: true}\n";
    return Stream.of(
        Arguments.of(RenderedManifests.BASE, ""),
        Arguments.of(RenderedManifests.MONITORING, monitoring),
        Arguments.of(
            RenderedManifests.MONITORING_NETWORK_POLICY,
            monitoring + "networkPolicy: {enabled: true}\n"),
        Arguments.of(
            RenderedManifests.DEPLOY.resolve("overlays").resolve("tls"),
            "webConfig: {enabled: true, existingSecret: kube-state-exporter-web-config}\n"
                + "authFilter: {enabled: true}\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void rendersTheSameObjectsFieldForField(Path kustomization, String values)
      throws Exception {
    List<JsonNode> kustomized = KustomizationBuild.build(kustomization);
    HelmChart chart = HelmChart.template(values);
    Map<String, JsonNode> expected = byId(kustomized, true);
    Map<String, JsonNode> actual = byId(chart.manifests(), false);
    assertEquals(expected.keySet(), actual.keySet(), "objects by kind, namespace and name");
    for (Map.Entry<String, JsonNode> e : expected.entrySet()) {
      JsonNode helm = actual.get(e.getKey());
      assertLabelsKept(e.getKey(), e.getValue(), helm);
      List<String> differences = new ArrayList<>();
      differences("", normalized(e.getValue()), normalized(helm), differences);
      assertEquals(List.of(), differences, e.getKey() + ": kustomize vs chart");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("renders")
  void selectorsOfTheChartSelectItsPods(Path kustomization, String values) {
    HelmChart chart = HelmChart.template(values);
    StatefulSet set = chart.statefulSet();
    Map<String, String> podLabels = set.getSpec().getTemplate().getMetadata().getLabels();
    assertTrue(LabelSelectors.matches(set.getSpec().getSelector(), podLabels));
    for (JsonNode m : chart.manifests()) {
      for (JsonNode selector : labelMaps(m.path("spec"), new ArrayList<>())) {
        Map<String, String> labels = new TreeMap<>();
        selector.properties().forEach(p -> labels.put(p.getKey(), p.getValue().asString()));
        assertTrue(
            LabelSelectors.matches(labels, podLabels) || labels.equals(podLabels),
            m.path("kind").asString() + " selects " + labels + ", pods have " + podLabels);
      }
    }
  }

  /** Objects by "kind namespace/name"; the kustomization's Namespace object is left out. */
  private static Map<String, JsonNode> byId(List<JsonNode> manifests, boolean kustomize) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode m : manifests) {
      String kind = m.path("kind").asString();
      if (kustomize && kind.equals("Namespace")) {
        continue;
      }
      JsonNode meta = m.path("metadata");
      out.put(
          kind + " " + meta.path("namespace").asString("") + "/" + meta.path("name").asString(), m);
    }
    return out;
  }

  private static void assertLabelsKept(String id, JsonNode kustomize, JsonNode helm) {
    JsonNode helmLabels = helm.path("metadata").path("labels");
    kustomize
        .path("metadata")
        .path("labels")
        .properties()
        .forEach(p -> assertEquals(p.getValue(), helmLabels.path(p.getKey()), id + " " + p));
  }

  /**
   * {@code manifest} without what may differ: labels go, every map of labels naming the exporter
   * (selectors, pod labels) becomes one placeholder, the image its repository, {@code --resources}
   * of exactly the default set goes, and JSON in a ConfigMap is parsed.
   */
  private static JsonNode normalized(JsonNode manifest) {
    ObjectNode copy = (ObjectNode) manifest.deepCopy();
    ((ObjectNode) copy.path("metadata")).remove("labels");
    replaceExporterLabels(copy);
    for (JsonNode container : copy.path("spec").path("template").path("spec").path("containers")) {
      ObjectNode c = (ObjectNode) container;
      String image = c.path("image").asString();
      c.put("image", image.contains(":") ? image.substring(0, image.indexOf(':')) : image);
      ArrayNode args = JSON.createArrayNode();
      for (JsonNode arg : c.path("args")) {
        if (!arg.asString().startsWith("--resources=")) {
          args.add(arg);
        } else {
          assertEquals(
              new TreeSet<>(Kinds.defaults()),
              new TreeSet<>(List.of(arg.asString().substring(12).split(","))),
              "--resources of the default collectors");
        }
      }
      c.set("args", args);
    }
    if (copy.path("kind").asString().equals("ConfigMap")) {
      ObjectNode data = (ObjectNode) copy.path("data");
      for (String key : new ArrayList<>(data.propertyNames())) {
        if (key.endsWith(".json")) {
          data.set(key, JSON.readTree(data.path(key).asString()));
        }
      }
    }
    return copy;
  }

  private static void replaceExporterLabels(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (String key : new ArrayList<>(object.propertyNames())) {
        JsonNode child = object.get(key);
        if (child.has("app.kubernetes.io/name")) {
          object.set(key, StringNode.valueOf(EXPORTER_LABELS));
        } else {
          replaceExporterLabels(child);
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(HelmKustomizeEquivalenceTest::replaceExporterLabels);
    }
  }

  /** The paths where {@code expected} and {@code actual} differ, with both values. */
  private static void differences(
      String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (expected.isObject() && actual.isObject()) {
      Set<String> keys = new TreeSet<>(expected.propertyNames());
      keys.addAll(actual.propertyNames());
      for (String key : keys) {
        differences(path + "." + key, expected.path(key), actual.path(key), out);
      }
    } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        differences(path + "[" + i + "]", expected.get(i), actual.get(i), out);
      }
    } else if (!expected.equals(actual)) {
      out.add(path + ": " + expected + " vs " + actual);
    }
  }

  /** Every map of labels under {@code node} that names the exporter. */
  private static List<JsonNode> labelMaps(JsonNode node, List<JsonNode> out) {
    if (node.has("app.kubernetes.io/name")) {
      out.add(node);
    } else {
      node.forEach(child -> labelMaps(child, out));
    }
    return out;
  }
}
