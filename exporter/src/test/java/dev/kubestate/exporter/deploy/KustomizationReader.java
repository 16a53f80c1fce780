package dev.kubestate.exporter.deploy;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds a kustomization without kustomize, for machines without {@code kubectl}. It supports
 * exactly what deploy/ uses: {@code resources} (files, or directories holding a Kustomization),
 * {@code components} (directories holding a Component) and {@code namespace}. Any other field is an
 * error, so a kustomization cannot quietly mean more than this reader builds.
 *
 * <p>As kustomize does: a Kustomization gathers its resources, then applies its components in order
 * (a component adds its resources and then applies its own components and namespace to everything
 * gathered so far), then its own namespace. The namespace is set on {@code metadata.namespace} of
 * namespaced objects only (a kind fabric8 registers as cluster-scoped is left alone; kinds it does
 * not know, such as the Prometheus Operator's, count as namespaced). Unlike kustomize it does not
 * rewrite binding subjects, so bindings name their ServiceAccount's namespace themselves. Output
 * order: resources in the order listed.
 */
final class KustomizationReader {

  /** The fields a kustomization file may use. */
  static final Set<String> SUPPORTED_FIELDS =
      Set.of("apiVersion", "kind", "resources", "components", "namespace", "patches");

  private static final KubernetesSerialization MODEL = new KubernetesSerialization();

  private KustomizationReader() {}

  /** The objects the Kustomization in {@code dir} builds. */
  static List<JsonNode> build(Path dir) throws IOException {
    List<JsonNode> objects = new ArrayList<>();
    apply(dir, "Kustomization", objects);
    return objects;
  }

  /** The fields of {@code kustomizationFile} outside {@link #SUPPORTED_FIELDS}. */
  static List<String> unsupportedFields(Path kustomizationFile) throws IOException {
    List<String> out = new ArrayList<>();
    for (String field : YamlDocuments.single(kustomizationFile).propertyNames()) {
      if (!SUPPORTED_FIELDS.contains(field)) {
        out.add(field);
      }
    }
    return out;
  }

  /** {@code dir/kustomization.yaml}, the one name deploy/ uses. */
  static Path file(Path dir) {
    return dir.resolve("kustomization.yaml");
  }

  /**
   * Adds the resources of the kustomization in {@code dir} to {@code objects}, then applies its
   * components and namespace to all of {@code objects}.
   */
  private static void apply(Path dir, String kind, List<JsonNode> objects) throws IOException {
    JsonNode k = read(dir, kind);
    for (String resource : strings(k, "resources")) {
      Path path = dir.resolve(resource).normalize();
      objects.addAll(Files.isDirectory(path) ? build(path) : YamlDocuments.read(path));
    }
    for (String component : strings(k, "components")) {
      apply(dir.resolve(component).normalize(), "Component", objects);
    }
    for (JsonNode patch : k.path("patches")) {
      patch(patch, objects);
    }
    setNamespace(k, objects);
  }

  /**
   * Applies one inline JSON 6902 patch ({@code add} and {@code replace}; a path ending in {@code
   * -} appends) to the objects its target names by kind and name.
   */
  private static void patch(JsonNode patch, List<JsonNode> objects) {
    JsonNode target = patch.path("target");
    JsonNode ops = YamlDocuments.YAML.readTree(patch.path("patch").asString());
    for (JsonNode object : objects) {
      if (!object.path("kind").asString().equals(target.path("kind").asString())
          || !object.path("metadata").path("name").asString()
              .equals(target.path("name").asString())) {
        continue;
      }
      for (JsonNode op : ops) {
        String[] steps = op.path("path").asString().substring(1).split("/");
        JsonNode at = object;
        for (int i = 0; i < steps.length - 1; i++) {
          at = at.isArray() ? at.get(Integer.parseInt(steps[i])) : at.get(steps[i]);
        }
        String last = steps[steps.length - 1];
        if (at.isArray() && last.equals("-")) {
          ((tools.jackson.databind.node.ArrayNode) at).add(op.get("value"));
        } else {
          ((ObjectNode) at).set(last, op.get("value"));
        }
      }
    }
  }

  private static JsonNode read(Path dir, String kind) throws IOException {
    Path file = file(dir);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(dir + ": no kustomization.yaml");
    }
    List<String> unsupported = unsupportedFields(file);
    if (!unsupported.isEmpty()) {
      throw new IllegalArgumentException(
          file + ": fields " + unsupported + " are not supported; supported: " + SUPPORTED_FIELDS);
    }
    JsonNode k = YamlDocuments.single(file);
    String actual = k.path("kind").asString("Kustomization");
    if (!kind.equals(actual)) {
      throw new IllegalArgumentException(file + ": kind " + actual + ", expected " + kind);
    }
    return k;
  }

  private static void setNamespace(JsonNode kustomization, List<JsonNode> objects) {
    JsonNode namespace = kustomization.get("namespace");
    if (namespace == null) {
      return;
    }
    for (JsonNode object : objects) {
      if (isNamespaced(object)) {
        ((ObjectNode) object.get("metadata")).put("namespace", namespace.asString());
      }
    }
  }

  private static boolean isNamespaced(JsonNode object) {
    Class<? extends KubernetesResource> type =
        MODEL.getRegisteredKubernetesResource(
            object.path("apiVersion").asString(), object.path("kind").asString());
    return type == null || Namespaced.class.isAssignableFrom(type);
  }

  private static List<String> strings(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    for (JsonNode item : node.path(field)) {
      out.add(item.asString());
    }
    return out;
  }
}
