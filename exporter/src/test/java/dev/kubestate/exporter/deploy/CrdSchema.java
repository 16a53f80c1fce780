package dev.kubestate.exporter.deploy;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsOrBool;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The structural OpenAPI schema of one version of a CustomResourceDefinition, used to check an
 * object as an API server with strict field validation ({@code kubectl apply}'s default) would: no
 * field the schema does not declare (unless it preserves unknown fields), JSON types, required
 * fields, enums, string patterns and minimum lengths. CEL rules ({@code x-kubernetes-validations})
 * and formats are not checked. Immutable.
 */
final class CrdSchema {

  private final String apiVersion;
  private final String kind;
  private final JSONSchemaProps schema;

  private CrdSchema(String apiVersion, String kind, JSONSchemaProps schema) {
    this.apiVersion = apiVersion;
    this.kind = kind;
    this.schema = schema;
  }

  /**
   * The schema of {@code version} in the CustomResourceDefinition {@code crd} (a YAML or JSON
   * tree).
   */
  static CrdSchema of(JsonNode crd, String version) {
    CustomResourceDefinition definition =
        new KubernetesSerialization().unmarshal(crd.toString(), CustomResourceDefinition.class);
    for (CustomResourceDefinitionVersion v : definition.getSpec().getVersions()) {
      if (v.getName().equals(version)) {
        return new CrdSchema(
            definition.getSpec().getGroup() + "/" + version,
            definition.getSpec().getNames().getKind(),
            v.getSchema().getOpenAPIV3Schema());
      }
    }
    throw new IllegalArgumentException(
        definition.getMetadata().getName() + " has no version " + version);
  }

  String apiVersion() {
    return apiVersion;
  }

  String kind() {
    return kind;
  }

  /**
   * What is wrong with {@code object}, one entry per violation naming its path; empty if valid.
   * {@code metadata} is not checked: it is the API server's ObjectMeta, whatever the schema says.
   */
  List<String> violations(JsonNode object) {
    List<String> out = new ArrayList<>();
    if (!object.isObject()) {
      out.add(kind + ": expected an object, got " + object);
      return out;
    }
    ObjectNode withoutMetadata = ((ObjectNode) object).deepCopy();
    withoutMetadata.remove("metadata");
    check(withoutMetadata, schema, kind, out);
    return out;
  }

  private static void check(JsonNode node, JSONSchemaProps s, String path, List<String> out) {
    if (Boolean.TRUE.equals(s.getXKubernetesIntOrString())) {
      if (!node.isIntegralNumber() && !node.isString()) {
        out.add(path + ": expected an integer or a string, got " + node);
      }
      return;
    }
    String type = s.getType();
    if (type == null) {
      return;
    }
    switch (type) {
      case "object":
        checkObject(node, s, path, out);
        break;
      case "array":
        if (!node.isArray()) {
          out.add(path + ": expected an array, got " + node);
        } else if (s.getItems() != null && s.getItems().getSchema() != null) {
          for (int i = 0; i < node.size(); i++) {
            check(node.get(i), s.getItems().getSchema(), path + "[" + i + "]", out);
          }
        }
        break;
      case "string":
        checkString(node, s, path, out);
        break;
      case "integer":
        expect(node.isIntegralNumber(), "an integer", node, path, out);
        break;
      case "number":
        expect(node.isNumber(), "a number", node, path, out);
        break;
      case "boolean":
        expect(node.isBoolean(), "a boolean", node, path, out);
        break;
      default:
        out.add(path + ": schema type " + type + " is not supported by this check");
    }
  }

  private static void checkObject(JsonNode node, JSONSchemaProps s, String path, List<String> out) {
    if (!node.isObject()) {
      out.add(path + ": expected an object, got " + node);
      return;
    }
    // As in a structural schema, an object keeps only the fields its properties declare, unless
    // additionalProperties or x-kubernetes-preserve-unknown-fields admits others.
    Map<String, JSONSchemaProps> properties =
        s.getProperties() == null ? Map.of() : s.getProperties();
    JSONSchemaPropsOrBool additional = s.getAdditionalProperties();
    boolean admitsAny =
        Boolean.TRUE.equals(s.getXKubernetesPreserveUnknownFields())
            || (additional != null && Boolean.TRUE.equals(additional.getAllows()));
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      String at = path + "." + field.getKey();
      if (properties.containsKey(field.getKey())) {
        check(field.getValue(), properties.get(field.getKey()), at, out);
      } else if (additional != null && additional.getSchema() != null) {
        check(field.getValue(), additional.getSchema(), at, out);
      } else if (!admitsAny) {
        out.add(at + ": unknown field");
      }
    }
    if (s.getRequired() != null) {
      for (String required : s.getRequired()) {
        if (!node.has(required)) {
          out.add(path + "." + required + ": required field missing");
        }
      }
    }
  }

  private static void checkString(JsonNode node, JSONSchemaProps s, String path, List<String> out) {
    if (!node.isString()) {
      out.add(path + ": expected a string, got " + node);
      return;
    }
    String value = node.asString();
    if (s.getEnum() != null && !s.getEnum().isEmpty()) {
      boolean listed = false;
      for (JsonNode allowed : s.getEnum()) {
        listed |= allowed.asString().equals(value);
      }
      if (!listed) {
        out.add(path + ": \"" + value + "\" is not one of " + s.getEnum());
      }
    }
    if (s.getPattern() != null && !Pattern.compile(s.getPattern()).matcher(value).find()) {
      out.add(path + ": \"" + value + "\" does not match " + s.getPattern());
    }
    if (s.getMinLength() != null && value.length() < s.getMinLength()) {
      out.add(path + ": \"" + value + "\" is shorter than " + s.getMinLength());
    }
  }

  private static void expect(
      boolean ok, String what, JsonNode node, String path, List<String> out) {
    if (!ok) {
      out.add(path + ": expected " + what + ", got " + node);
    }
  }
}
