package dev.kubestate.exporter.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The keys of the options file (KSM's, reference/ksm-flags.tsv), each with its YAML form and the
 * flag field it replaces.
 */
final class OptionsFileKeys {

  /** The YAML form of a key's value. */
  enum Form {
    STRING,
    INTEGER,
    BOOLEAN,
    /** a map of names to empty values: {@code {pods: {}}} */
    SET,
    /** a map of resources to lists of keys: {@code {pods: [app]}} */
    ALLOWLIST,
    /** a list of strings */
    LIST
  }

  /** The mixins a file's values go into. */
  record Flags(
      MetricsOptions metrics,
      ServerOptions server,
      ClusterOptions cluster,
      ShardingOptions sharding,
      OptionsFile file) {}

  private record Key(Form form, BiConsumer<Flags, Object> set) {}

  private static final Map<String, Key> KEYS = new LinkedHashMap<>();

  /**
   * The keys a running exporter applies when the file changes: what is exported. {@code
   * continue_without_config} only matters at start. Every other key applies at start only.
   */
  static final Set<String> LIVE =
      Set.of(
          "resources",
          "metric_allowlist",
          "metric_denylist",
          "metric_opt_in_list",
          "labels_allow_list",
          "annotations_allow_list",
          "continue_without_config");

  static {
    key("apiserver", Form.STRING, (f, v) -> f.cluster().apiserver = (String) v);
    key("kubeconfig", Form.STRING, (f, v) -> f.cluster().kubeconfig = (String) v);
    key("namespaces", Form.LIST, (f, v) -> f.cluster().namespaces = OptionsFile.strings(v));
    key(
        "namespaces_denylist",
        Form.LIST,
        (f, v) -> f.cluster().namespacesDenylist = OptionsFile.strings(v));
    key("node", Form.STRING, (f, v) -> f.cluster().node = (String) v);
    key(
        "track_unscheduled_pods",
        Form.BOOLEAN,
        (f, v) -> f.cluster().trackUnscheduledPods = (Boolean) v);
    key("use_api_server_cache", Form.BOOLEAN, (f, v) -> f.cluster().useApiserverCache = (Boolean) v);
    key("object_limit", Form.INTEGER, (f, v) -> f.cluster().objectLimit = ((Number) v).longValue());
    key("resources", Form.SET, (f, v) -> f.metrics().resources = OptionsFile.strings(v));
    key("metric_allowlist", Form.SET, (f, v) -> f.metrics().metricAllowlist = OptionsFile.strings(v));
    key("metric_denylist", Form.SET, (f, v) -> f.metrics().metricDenylist = OptionsFile.strings(v));
    key(
        "metric_opt_in_list",
        Form.SET,
        (f, v) -> f.metrics().metricOptInList = OptionsFile.strings(v));
    key("labels_allow_list", Form.ALLOWLIST, (f, v) -> f.metrics().labelsAllowlist = (String) v);
    key(
        "annotations_allow_list",
        Form.ALLOWLIST,
        (f, v) -> f.metrics().annotationsAllowlist = (String) v);
    key("shard", Form.INTEGER, (f, v) -> f.metrics().shard = ((Number) v).intValue());
    key("total_shards", Form.INTEGER, (f, v) -> f.metrics().totalShards = ((Number) v).intValue());
    key("pod", Form.STRING, (f, v) -> f.sharding().pod = (String) v);
    key("namespace", Form.STRING, (f, v) -> f.sharding().podNamespace = (String) v);
    key("host", Form.STRING, (f, v) -> f.server().host = (String) v);
    key("port", Form.INTEGER, (f, v) -> f.server().port = ((Number) v).intValue());
    key("telemetry_host", Form.STRING, (f, v) -> f.server().telemetryHost = (String) v);
    key("telemetry_port", Form.INTEGER, (f, v) -> f.server().telemetryPort = ((Number) v).intValue());
    key("tls_config", Form.STRING, (f, v) -> f.server().tlsConfig = (String) v);
    key("auth_filter", Form.BOOLEAN, (f, v) -> f.server().authFilter = (Boolean) v);
    key("server_read_timeout", Form.STRING, (f, v) -> f.server().readTimeout = (String) v);
    key("server_write_timeout", Form.STRING, (f, v) -> f.server().writeTimeout = (String) v);
    key("server_idle_timeout", Form.STRING, (f, v) -> f.server().idleTimeout = (String) v);
    key(
        "server_read_header_timeout",
        Form.STRING,
        (f, v) -> f.server().readHeaderTimeout = (String) v);
    key(
        "enable_gzip_encoding",
        Form.BOOLEAN,
        (f, v) -> f.server().enableGzipEncoding = (Boolean) v);
    key(
        "continue_without_config",
        Form.BOOLEAN,
        (f, v) -> f.file().continueWithoutConfig = (Boolean) v);
  }

  private OptionsFileKeys() {}

  private static void key(String name, Form form, BiConsumer<Flags, Object> set) {
    KEYS.put(name, new Key(form, set));
  }

  /** The form of {@code key}'s value, or null for a key the file may not hold. */
  static Form form(String key) {
    Key k = KEYS.get(key);
    return k == null ? null : k.form();
  }

  /**
   * Checks {@code value} against {@code key}'s form and returns it as the flag holds it: a set
   * as a list of names, an allowlist in the flag's {@code res=[k1,k2],...} syntax.
   *
   * @throws IllegalArgumentException naming the key
   */
  static Object check(String key, Object value) {
    Key k = KEYS.get(key);
    if (k == null) {
      throw OptionsFile.unknown(key);
    }
    return switch (k.form()) {
      case STRING -> expect(key, value, String.class, "a string");
      case BOOLEAN -> expect(key, value, Boolean.class, "a boolean");
      case INTEGER -> integer(key, value);
      case LIST -> list(key, value);
      case SET -> set(key, value);
      case ALLOWLIST -> allowlist(key, value);
    };
  }

  /** Replaces the flags' values with the file's {@code values} (as {@link #check} returns). */
  static void apply(Map<String, Object> values, Flags flags) {
    values.forEach((key, value) -> KEYS.get(key).set().accept(flags, value));
  }

  private static <V> V expect(String key, Object value, Class<V> type, String what) {
    if (!type.isInstance(value)) {
      throw wrongType(key, what, value);
    }
    return type.cast(value);
  }

  private static Long integer(String key, Object value) {
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    throw wrongType(key, "an integer", value);
  }

  private static List<String> list(String key, Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> items)) {
      throw wrongType(key, "a list of strings", value);
    }
    List<String> out = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof String s)) {
        throw wrongType(key, "a list of strings", item);
      }
      out.add(s);
    }
    return out;
  }

  private static List<String> set(String key, Object value) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw wrongType(key, "a mapping of names to {} (e.g. {pods: {}})", value);
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object v = e.getValue();
      if (!(e.getKey() instanceof String name)
          || !(v == null || v instanceof Map<?, ?> m && m.isEmpty())) {
        throw new IllegalArgumentException(
            "--config: key \""
                + key
                + "\": expected a mapping of names to {} (e.g. {pods: {}}), got "
                + e.getKey()
                + ": "
                + OptionsFile.typeOf(v));
      }
      out.add(name);
    }
    return out;
  }

  private static String allowlist(String key, Object value) {
    if (value == null) {
      return null;
    }
    String expected = "a mapping of resources to lists of keys (e.g. {pods: [app]})";
    if (!(value instanceof Map<?, ?> map)) {
      throw wrongType(key, expected, value);
    }
    StringBuilder b = new StringBuilder();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!(e.getKey() instanceof String resource)) {
        throw wrongType(key, expected, e.getKey());
      }
      List<String> keys = list(key + "." + resource, e.getValue());
      b.append(b.length() == 0 ? "" : ",").append(resource).append("=[");
      b.append(String.join(",", keys)).append(']');
    }
    return b.toString();
  }

  private static IllegalArgumentException wrongType(String key, String expected, Object got) {
    return new IllegalArgumentException(
        "--config: key \"" + key + "\": expected " + expected + ", got " + OptionsFile.typeOf(got));
  }
}
