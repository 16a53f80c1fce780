package dev.kubestate.apiserver;

import java.util.Locale;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API server's metadata-only representation of a GET: a client that sends {@code Accept:
 * application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1} on a LIST receives a {@code
 * meta.k8s.io/v1 PartialObjectMetadataList} whose items carry {@code metadata} alone, and one that
 * sends {@code as=PartialObjectMetadata} on a WATCH (or a GET of one object) receives events
 * whose objects are {@code PartialObjectMetadata}; {@code spec}, {@code data} and the rest are
 * never sent.
 *
 * <p>Negotiation as the API server does it, within what this server speaks: the media ranges of
 * {@code Accept} are tried in order; the first that is plain JSON ({@code application/json},
 * {@code application/*}, {@code *}{@code /*}) or JSON {@code as=PartialObjectMetadata[List]} of
 * {@code g=meta.k8s.io} {@code v=v1} is chosen; other ranges (protobuf, YAML, {@code as=Table},
 * other versions) are skipped. No header means full JSON. A chosen metadata range of the wrong
 * shape (a list asked for one object, a watch or one object asked for a list) is answered 406, as
 * the API server does ("you requested PartialObjectMetadata, but the requested object is a list"),
 * and so is a header no range of which this server speaks. Immutable; thread-safe.
 */
enum PartialMetadata {
  /** Objects as stored. */
  FULL,
  /** A LIST answered as {@code PartialObjectMetadataList}. */
  LIST,
  /** WATCH events (or one object) as {@code PartialObjectMetadata}. */
  OBJECT;

  static final String GROUP_VERSION = "meta.k8s.io/v1";
  static final String OBJECT_KIND = "PartialObjectMetadata";
  static final String LIST_KIND = "PartialObjectMetadataList";

  /**
   * The representation {@code accept} asks for.
   *
   * @param accept the request's {@code Accept} header, may be null
   * @param collection whether the request is a LIST (a GET of a collection that is not a watch)
   * @throws IllegalArgumentException with the 406 message when the chosen range does not fit the
   *     request, or no range is one this server speaks
   */
  static PartialMetadata negotiate(String accept, boolean collection) {
    if (accept == null || accept.isBlank()) {
      return FULL;
    }
    for (String range : accept.split(",")) {
      PartialMetadata asked = ofRange(range);
      if (asked == null) {
        continue;
      }
      if (asked == FULL || (asked == LIST) == collection) {
        return asked;
      }
      throw new IllegalArgumentException(
          asked == OBJECT
              ? "you requested PartialObjectMetadata, but the requested object is a list"
              : "you requested PartialObjectMetadataList, but the requested object is not a list");
    }
    throw new IllegalArgumentException(
        "only the following media types are accepted: application/json, and application/json"
            + " as PartialObjectMetadata or PartialObjectMetadataList of meta.k8s.io/v1");
  }

  /** What one media range asks for, or null when this server cannot answer it. */
  private static PartialMetadata ofRange(String range) {
    String[] parts = range.split(";");
    String type = parts[0].trim().toLowerCase(Locale.ROOT);
    String as = null;
    String group = null;
    String version = null;
    for (int i = 1; i < parts.length; i++) {
      String[] kv = parts[i].split("=", 2);
      String value = kv.length == 2 ? kv[1].trim() : "";
      switch (kv[0].trim()) {
        case "as" -> as = value;
        case "g" -> group = value;
        case "v" -> version = value;
        default -> {}
      }
    }
    if (as == null) {
      return type.equals("application/json") || type.equals("application/*") || type.equals("*/*")
          ? FULL
          : null;
    }
    if (!type.equals("application/json") || !"meta.k8s.io".equals(group) || !"v1".equals(version)) {
      return null;
    }
    return switch (as) {
      case LIST_KIND -> LIST;
      case OBJECT_KIND -> OBJECT;
      default -> null;
    };
  }

  /** Rewrites a JSON LIST body (a {@code <Kind>List}) as a {@code PartialObjectMetadataList}. */
  static String list(ObjectMapper json, String body) {
    JsonNode full = json.readTree(body);
    ObjectNode out = json.createObjectNode();
    out.put("kind", LIST_KIND);
    out.put("apiVersion", GROUP_VERSION);
    if (full.path("metadata").isObject()) {
      out.set("metadata", full.get("metadata"));
    }
    ArrayNode items = out.putArray("items");
    for (JsonNode item : full.path("items")) {
      items.add(partial(json, item));
    }
    return json.writeValueAsString(out);
  }

  /** Rewrites one object's JSON as a {@code PartialObjectMetadata}. */
  static String object(ObjectMapper json, String object) {
    return json.writeValueAsString(partial(json, json.readTree(object)));
  }

  /** How this representation writes one object's JSON; identity for {@link #FULL}. */
  UnaryOperator<String> objects(ObjectMapper json) {
    return this == FULL ? UnaryOperator.identity() : o -> object(json, o);
  }

  private static ObjectNode partial(ObjectMapper json, JsonNode object) {
    ObjectNode out = json.createObjectNode();
    out.put("kind", OBJECT_KIND);
    out.put("apiVersion", GROUP_VERSION);
    if (object.path("metadata").isObject()) {
      out.set("metadata", object.get("metadata"));
    }
    return out;
  }
}
