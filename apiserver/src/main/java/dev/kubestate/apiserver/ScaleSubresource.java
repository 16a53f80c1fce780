package dev.kubestate.apiserver;

import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code scale} subresource of resource types whose spec has {@code replicas} (deployments,
 * replica sets, stateful sets, replication controllers): GET answers an {@code autoscaling/v1}
 * {@code Scale} made from the object ({@code spec.replicas}, {@code status.replicas}, the label
 * selector as text); PUT of a Scale and a merge or strategic-merge PATCH set the object's {@code
 * spec.replicas}, as {@code kubectl scale} and autoscalers do. A Scale carrying a {@code
 * metadata.resourceVersion} other than the object's gets 409 Conflict; negative replicas 422. JSON
 * patches get 415. The object's write goes through the store, so watches see it MODIFIED.
 * Thread-safe.
 */
final class ScaleSubresource {

  private static final String MERGE_PATCH = "application/merge-patch+json";

  private final ObjectMapper json = JsonMapper.builder().build();
  private final CrudDispatcher store;
  private final BiFunction<String, String, ApiResource> resources;

  /**
   * The subresource over the objects of {@code store}, for the resource types {@code resources}
   * returns by group and plural.
   */
  ScaleSubresource(CrudDispatcher store, BiFunction<String, String, ApiResource> resources) {
    this.store = store;
    this.resources = resources;
  }

  /** The answer to {@code request} when it is for a scale subresource, or null. */
  MockResponse answer(RecordedRequest request) {
    String path = request.getPath();
    int query = path.indexOf('?');
    String p = query < 0 ? path : path.substring(0, query);
    if (!p.endsWith("/scale")) {
      return null;
    }
    String object = p.substring(0, p.length() - "/scale".length());
    String[] parts = object.split("/");
    if (parts.length < 5) {
      return null;
    }
    String group = parts[1].equals("api") ? "" : parts[2];
    ApiResource type = resources.apply(group, parts[parts.length - 2]);
    if (type == null || !type.scale()) {
      return null;
    }
    try {
      switch (request.method()) {
        case GET:
          return get(object);
        case PUT:
          return put(object, json.readTree(request.getUtf8Body()));
        case PATCH:
          return patch(object, request);
        default:
          return status(405, "MethodNotAllowed", "the server does not allow this method");
      }
    } catch (JacksonException e) {
      return status(400, "BadRequest", "cannot read the Scale: " + e.getOriginalMessage());
    }
  }

  private MockResponse get(String object) {
    MockResponse stored = store.handleGet(object);
    if (stored.code() != 200) {
      return stored;
    }
    return ok(scaleOf(json.readTree(stored.getBody().readUtf8())));
  }

  private MockResponse patch(String object, RecordedRequest request) {
    String type = request.getHeader("Content-Type");
    if (type == null
        || !(type.startsWith(MERGE_PATCH)
            || type.startsWith("application/strategic-merge-patch+json"))) {
      return status(
          415,
          "UnsupportedMediaType",
          "the scale subresource takes merge and strategic-merge patches, got " + type);
    }
    MockResponse current = get(object);
    if (current.code() != 200) {
      return current;
    }
    ObjectNode scale = (ObjectNode) json.readTree(current.getBody().readUtf8());
    JsonNode patch = json.readTree(request.getUtf8Body());
    JsonNode replicas = patch.path("spec").path("replicas");
    if (!replicas.isMissingNode()) {
      scale.withObjectProperty("spec").set("replicas", replicas);
    }
    JsonNode version = patch.path("metadata").path("resourceVersion");
    ObjectNode metadata = scale.withObjectProperty("metadata");
    if (version.isString()) {
      metadata.set("resourceVersion", version);
    } else {
      metadata.remove("resourceVersion");
    }
    return put(object, scale);
  }

  private MockResponse put(String object, JsonNode scale) {
    JsonNode replicas = scale.path("spec").path("replicas");
    String name = object.substring(object.lastIndexOf('/') + 1);
    if (!replicas.isIntegralNumber() || replicas.asLong() < 0) {
      return status(
          422,
          "Invalid",
          "Scale.autoscaling \""
              + name
              + "\" is invalid: spec.replicas: Invalid value: "
              + replicas
              + ": must be greater than or equal to 0");
    }
    ObjectNode patch = json.createObjectNode();
    patch.putObject("spec").put("replicas", replicas.asInt());
    String version = scale.path("metadata").path("resourceVersion").asString("");
    if (!version.isEmpty()) {
      patch.putObject("metadata").put("resourceVersion", version);
    }
    RecordedRequest write =
        new RecordedRequest(
            "HTTP/1.1",
            HttpMethod.PATCH,
            object,
            Headers.builder().add("Content-Type", MERGE_PATCH).build(),
            new Buffer(json.writeValueAsString(patch).getBytes(StandardCharsets.UTF_8)));
    MockResponse written = store.dispatch(write);
    if (written.code() / 100 != 2) {
      return written;
    }
    return ok(scaleOf(json.readTree(written.getBody().readUtf8())));
  }

  /** The {@code autoscaling/v1} Scale of {@code object}. */
  private ObjectNode scaleOf(JsonNode object) {
    ObjectNode scale = json.createObjectNode();
    scale.put("kind", "Scale");
    scale.put("apiVersion", "autoscaling/v1");
    ObjectNode metadata = scale.putObject("metadata");
    JsonNode meta = object.path("metadata");
    for (String field : new String[] {"name", "namespace", "uid", "resourceVersion"}) {
      if (meta.path(field).isString()) {
        metadata.set(field, meta.get(field));
      }
    }
    if (meta.path("creationTimestamp").isString()) {
      metadata.set("creationTimestamp", meta.get("creationTimestamp"));
    }
    scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
    ObjectNode status = scale.putObject("status");
    status.put("replicas", object.path("status").path("replicas").asInt(0));
    String selector = selector(object.path("spec").path("selector"));
    if (!selector.isEmpty()) {
      status.put("selector", selector);
    }
    return scale;
  }

  /**
   * A label selector as the API server prints it in {@code status.selector}: requirements sorted by
   * key, comma-separated ({@code app=web,tier in (a,b)}). Takes a {@code LabelSelector} or, as
   * replication controllers have, a plain map of labels.
   */
  static String selector(JsonNode selector) {
    Map<String, String> requirements = new TreeMap<>();
    JsonNode labels =
        selector.has("matchLabels") || selector.has("matchExpressions")
            ? selector.path("matchLabels")
            : selector;
    labels
        .properties()
        .forEach(e -> requirements.put(e.getKey(), e.getKey() + "=" + e.getValue().asString()));
    for (JsonNode e : selector.path("matchExpressions")) {
      String key = e.path("key").asString();
      StringBuilder values = new StringBuilder();
      for (JsonNode v : e.path("values")) {
        values.append(values.length() == 0 ? "" : ",").append(v.asString());
      }
      String requirement;
      switch (e.path("operator").asString()) {
        case "In":
          requirement = key + " in (" + values + ")";
          break;
        case "NotIn":
          requirement = key + " notin (" + values + ")";
          break;
        case "Exists":
          requirement = key;
          break;
        default:
          requirement = "!" + key;
          break;
      }
      requirements.merge(key, requirement, (a, b) -> a + "," + b);
    }
    return String.join(",", requirements.values());
  }

  private MockResponse ok(ObjectNode body) {
    return new MockResponse()
        .setResponseCode(200)
        .addHeader("Content-Type", "application/json")
        .setBody(json.writeValueAsString(body));
  }

  private static MockResponse status(int code, String reason, String message) {
    return Discovery.status(code, reason, message);
  }
}
