package dev.kubestate.exporter.deploy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses manifests into fabric8 model objects, failing on any field the model does not declare.
 *
 * <p>fabric8's model classes collect unknown fields in {@code additionalProperties} through a
 * Jackson any-setter, so {@code FAIL_ON_UNKNOWN_PROPERTIES} alone never fires; this mapper's
 * annotation introspector reports no any-setter, and unknown fields fail with the property's path.
 * The Prometheus Operator's kinds, which fabric8's Kubernetes model does not have, are checked
 * against their CustomResourceDefinitions (exporter/src/test/resources/deploy/crds/, {@link
 * CrdSchema}) and returned as {@link GenericKubernetesResource}, their metadata parsed strictly.
 * Thread-safe.
 */
final class StrictModel {

  private static final KubernetesSerialization STRICT =
      new KubernetesSerialization(
          JsonMapper.builder()
              .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
              .annotationIntrospector(new WithoutAnySetters())
              .build(),
          true);

  private static final KubernetesSerialization LENIENT = new KubernetesSerialization();

  private static final Map<String, CrdSchema> CRDS =
      crds(
          "/deploy/crds/monitoring.coreos.com_servicemonitors.yaml",
          "/deploy/crds/monitoring.coreos.com_prometheusrules.yaml");

  private StrictModel() {}

  /**
   * The model object {@code manifest} describes.
   *
   * @throws IllegalArgumentException naming the object and what is wrong: an unknown kind, a field
   *     its type does not have, a value of the wrong type
   */
  static HasMetadata parse(JsonNode manifest) {
    String apiVersion = manifest.path("apiVersion").asString();
    String kind = manifest.path("kind").asString();
    String name = kind + " " + manifest.path("metadata").path("name").asString();
    CrdSchema crd = CRDS.get(apiVersion + " " + kind);
    if (crd != null) {
      List<String> violations = crd.violations(manifest);
      if (!violations.isEmpty()) {
        throw new IllegalArgumentException(name + ": " + String.join("; ", violations));
      }
      readStrictly(name, manifest.path("metadata"), ObjectMeta.class);
      return LENIENT.unmarshal(manifest.toString(), GenericKubernetesResource.class);
    }
    Class<? extends KubernetesResource> type =
        STRICT.getRegisteredKubernetesResource(apiVersion, kind);
    if (type == null || !HasMetadata.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(
          name + ": " + apiVersion + " " + kind + " is neither in fabric8's model nor a known CRD");
    }
    return (HasMetadata) readStrictly(name, manifest, type);
  }

  private static <T> T readStrictly(String name, JsonNode node, Class<T> type) {
    try {
      return STRICT.unmarshal(node.toString(), type);
    } catch (RuntimeException e) {
      // fabric8 wraps Jackson's exception, which names the field, in "An error has occurred."
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new IllegalArgumentException(name + ": " + cause.getMessage(), e);
    }
  }

  private static Map<String, CrdSchema> crds(String... resources) {
    Map<String, CrdSchema> out = new HashMap<>();
    for (String resource : resources) {
      try (InputStream in = StrictModel.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("missing test resource " + resource);
        }
        JsonNode crd =
            YamlDocuments.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).get(0);
        CrdSchema schema = CrdSchema.of(crd, "v1");
        out.put(schema.apiVersion() + " " + schema.kind(), schema);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return Map.copyOf(out);
  }

  /** Jackson's annotations as they are, except that no method or field is an any-setter. */
  private static final class WithoutAnySetters extends JacksonAnnotationIntrospector {

    @Override
    public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
      return Boolean.FALSE;
    }
  }
}
