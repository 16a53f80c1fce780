package dev.kubestate.apiserver;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The field labels a resource accepts in a field selector, and each label's value in an object, as
 * the API server defines them for core/v1 kinds (its field-label conversion functions and
 * selectable-field sets): Pod, Node, Namespace, Service, Secret, ReplicationController and Event
 * have their own lists; every other resource accepts only {@code metadata.name} and {@code
 * metadata.namespace}. A field absent from the object has its Go zero value ({@code ""}, {@code
 * "false"}, {@code "0"}), since the server formats typed struct fields. Immutable.
 */
final class SelectableFields {

  /** Where a label's value lives in the object's JSON, and the value when it is absent. */
  private record Field(String pointer, String zero) {}

  private static final Field NAME = new Field("/metadata/name", "");
  private static final Field NAMESPACE = new Field("/metadata/namespace", "");
  private static final SelectableFields DEFAULT =
      new SelectableFields(Map.of("metadata.name", NAME, "metadata.namespace", NAMESPACE), false);
  private static final Map<String, SelectableFields> CORE = core();

  private final Map<String, Field> fields;
  private final boolean ownConversion;

  private SelectableFields(Map<String, Field> fields, boolean ownConversion) {
    this.fields = fields;
    this.ownConversion = ownConversion;
  }

  /**
   * The fields of the resource {@code plural} in API group {@code group} ({@code null} or empty for
   * core).
   */
  static SelectableFields of(String group, String plural) {
    if (group == null || group.isEmpty()) {
      return CORE.getOrDefault(plural, DEFAULT);
    }
    return DEFAULT;
  }

  /**
   * Checks that {@code label} may be selected on.
   *
   * @throws IllegalArgumentException with the API server's message when it may not
   */
  void check(String label) {
    if (fields.containsKey(label)) {
      return;
    }
    if (ownConversion) {
      throw new IllegalArgumentException("field label not supported: " + label);
    }
    throw new IllegalArgumentException(
        "\""
            + label
            + "\" is not a known field selector: only \"metadata.name\", "
            + "\"metadata.namespace\"");
  }

  /** The value of the checked {@code label} in {@code object}. */
  String value(String label, JsonNode object) {
    Field f = fields.get(label);
    return valueAt(object, f.pointer(), f.zero());
  }

  /** The scalar at {@code pointer} as text, or {@code zero} when absent or null. */
  static String valueAt(JsonNode object, String pointer, String zero) {
    JsonNode node = object.at(pointer);
    return node.isMissingNode() || node.isNull() ? zero : node.asString();
  }

  private static Map<String, SelectableFields> core() {
    Map<String, SelectableFields> out = new LinkedHashMap<>();
    out.put(
        "pods",
        own(
            Map.ofEntries(
                Map.entry("metadata.name", NAME),
                Map.entry("metadata.namespace", NAMESPACE),
                Map.entry("spec.nodeName", new Field("/spec/nodeName", "")),
                // Old v1 clients' name for spec.nodeName, still accepted by the conversion.
                Map.entry("spec.host", new Field("/spec/nodeName", "")),
                Map.entry("spec.restartPolicy", new Field("/spec/restartPolicy", "")),
                Map.entry("spec.schedulerName", new Field("/spec/schedulerName", "")),
                Map.entry("spec.serviceAccountName", new Field("/spec/serviceAccountName", "")),
                Map.entry("spec.hostNetwork", new Field("/spec/hostNetwork", "false")),
                Map.entry("status.phase", new Field("/status/phase", "")),
                Map.entry("status.podIP", new Field("/status/podIP", "")),
                Map.entry(
                    "status.nominatedNodeName", new Field("/status/nominatedNodeName", "")))));
    out.put(
        "nodes",
        own(
            Map.of(
                "metadata.name",
                NAME,
                "spec.unschedulable",
                new Field("/spec/unschedulable", "false"))));
    out.put(
        "namespaces",
        own(Map.of("metadata.name", NAME, "status.phase", new Field("/status/phase", ""))));
    out.put(
        "services",
        own(
            Map.of(
                "metadata.name",
                NAME,
                "metadata.namespace",
                NAMESPACE,
                "spec.clusterIP",
                new Field("/spec/clusterIP", ""),
                "spec.type",
                new Field("/spec/type", ""))));
    out.put(
        "secrets",
        own(
            Map.of(
                "metadata.name", NAME,
                "metadata.namespace", NAMESPACE,
                "type", new Field("/type", ""))));
    out.put(
        "replicationcontrollers",
        own(
            Map.of(
                "metadata.name", NAME,
                "metadata.namespace", NAMESPACE,
                "status.replicas", new Field("/status/replicas", "0"))));
    out.put("events", own(events()));
    return Map.copyOf(out);
  }

  private static Map<String, Field> events() {
    Map<String, Field> f = new LinkedHashMap<>();
    f.put("metadata.name", NAME);
    f.put("metadata.namespace", NAMESPACE);
    for (String k :
        new String[] {
          "kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"
        }) {
      f.put("involvedObject." + k, new Field("/involvedObject/" + k, ""));
    }
    f.put("reason", new Field("/reason", ""));
    f.put("reportingComponent", new Field("/reportingComponent", ""));
    f.put("source", new Field("/source/component", ""));
    f.put("type", new Field("/type", ""));
    return f;
  }

  private static SelectableFields own(Map<String, Field> fields) {
    return new SelectableFields(Map.copyOf(fields), true);
  }
}
