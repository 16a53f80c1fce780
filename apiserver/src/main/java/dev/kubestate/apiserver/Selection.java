package dev.kubestate.apiserver;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * What a LIST or WATCH request selects beyond what the CRUD mock understands: its field selector
 * and, when the server honours it, its shard selector; plus the request path without those two
 * parameters, for the mock to resolve resource, namespace and label selector. Immutable.
 */
final class Selection {

  private final String path;
  private final boolean watch;
  private final FieldSelector fieldSelector;
  private final ShardRangeFilter shardFilter;

  private Selection(
      String path, boolean watch, FieldSelector fieldSelector, ShardRangeFilter shardFilter) {
    this.path = path;
    this.watch = watch;
    this.fieldSelector = fieldSelector;
    this.shardFilter = shardFilter;
  }

  /**
   * Reads the selection of the request for {@code requestPath} (path and raw query).
   *
   * @param fieldsOf the selectable fields of the resource the path names, given its path
   * @throws IllegalArgumentException with the API server's message when a selector is invalid
   */
  static Selection of(
      String requestPath, ApiServerFeatures features, Function<String, SelectableFields> fieldsOf) {
    int q = requestPath.indexOf('?');
    if (q < 0) {
      return new Selection(requestPath, false, null, null);
    }
    StringJoiner rest = new StringJoiner("&");
    String fieldText = null;
    String shardText = null;
    boolean watch = false;
    for (String param : requestPath.substring(q + 1).split("&")) {
      int eq = param.indexOf('=');
      String name = decode(eq < 0 ? param : param.substring(0, eq));
      String value = eq < 0 ? "" : decode(param.substring(eq + 1));
      if (name.equals("fieldSelector")) {
        fieldText = value;
      } else if (name.equals("shardSelector") && features.shardSelector()) {
        shardText = value;
      } else {
        watch |= name.equals("watch") && (value.equals("true") || value.equals("1"));
        rest.add(param);
      }
    }
    String path = requestPath.substring(0, q) + (rest.length() == 0 ? "" : "?" + rest);
    FieldSelector fields =
        fieldText == null || fieldText.isEmpty()
            ? null
            : FieldSelector.parse(fieldText, fieldsOf.apply(path));
    ShardRangeFilter shards =
        shardText == null || shardText.isEmpty() ? null : ShardRangeFilter.parse(shardText);
    return new Selection(path, watch, fields, shards);
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** Whether nothing beyond the mock's own understanding is selected. */
  boolean isEmpty() {
    return fieldSelector == null && shardFilter == null;
  }

  /** Whether the request asks to watch ({@code watch=true} or {@code watch=1}). */
  boolean watch() {
    return watch;
  }

  /** The request path and query without {@code fieldSelector} and an honoured shard selector. */
  String path() {
    return path;
  }

  /** Whether {@code object} passes both selectors. */
  boolean matches(JsonNode object) {
    return (fieldSelector == null || fieldSelector.matches(object))
        && (shardFilter == null || shardFilter.matches(object));
  }

  /** The {@code metadata.shardInfo} a LIST answers with, or null when no shard selector applied. */
  Map<String, String> shardInfo() {
    return shardFilter == null ? null : Map.of("selector", shardFilter.text());
  }
}
