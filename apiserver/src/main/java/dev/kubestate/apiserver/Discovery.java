package dev.kubestate.apiserver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API server's discovery documents for the resource types it serves: {@code /version}, {@code
 * /api} (APIVersions), {@code /apis} (APIGroupList), {@code /apis/<group>} (APIGroup) and {@code
 * /api/v1}, {@code /apis/<group>/<version>} (APIResourceList), as the legacy, unaggregated
 * discovery that {@code kubectl} and client libraries fall back to. Resource types are the fabric8
 * model classes {@link #register registered}: the kinds the server holds. Answers other
 * non-resource paths ({@code /openapi/v2}, ...) with 404, as a server without them would. A group's
 * preferred version is its highest by Kubernetes' version order. Thread-safe.
 */
final class Discovery {

  private static final Pattern VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

  private static final Comparator<String> NEWEST_FIRST =
      Comparator.comparing(Discovery::versionRank).reversed();

  private final ObjectMapper json = JsonMapper.builder().build();
  private final Map<Class<?>, ApiResource> resources = new ConcurrentHashMap<>();
  private final String gitVersion;

  /** Discovery of a server that reports itself as Kubernetes {@code gitVersion}, e.g. v1.36.0. */
  Discovery(String gitVersion) {
    this.gitVersion = Objects.requireNonNull(gitVersion, "gitVersion");
  }

  /** Serves {@code type}'s resource type from now on; idempotent. */
  void register(Class<? extends HasMetadata> type) {
    resources.computeIfAbsent(type, t -> ApiResource.of(type));
  }

  /** The served resource type of {@code plural} in {@code group}, or null. */
  ApiResource resource(String group, String plural) {
    for (ApiResource r : resources.values()) {
      if (r.group().equals(group) && r.plural().equals(plural)) {
        return r;
      }
    }
    return null;
  }

  /**
   * The answer to a GET of {@code path} when it is a discovery or other non-resource path, or null
   * when it names resources (a path under {@code /api/v1/} or {@code /apis/<g>/<v>/}).
   */
  MockResponse answer(String path) {
    int query = path.indexOf('?');
    String p = query < 0 ? path : path.substring(0, query);
    if (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    String[] parts = p.split("/", -1);
    if (p.equals("/api")) {
      return ok(apiVersions());
    }
    if (p.equals("/apis")) {
      return ok(groupList());
    }
    if (p.equals("/version")) {
      return ok(version());
    }
    if (p.equals("/healthz") || p.equals("/livez") || p.equals("/readyz")) {
      return new MockResponse().setResponseCode(200).setBody("ok");
    }
    if (parts.length >= 2 && parts[1].equals("api")) {
      return parts.length == 3 ? resourceList("", parts[2]) : null;
    }
    if (parts.length >= 2 && parts[1].equals("apis")) {
      if (parts.length == 3) {
        ObjectNode group = group(parts[2]);
        return group == null ? notFound() : ok(group);
      }
      return parts.length == 4 ? resourceList(parts[2], parts[3]) : null;
    }
    return notFound();
  }

  private ObjectNode apiVersions() {
    ObjectNode doc = json.createObjectNode();
    doc.put("kind", "APIVersions");
    ArrayNode versions = doc.putArray("versions");
    versionsOf("").forEach(versions::add);
    ArrayNode addresses = doc.putArray("serverAddressByClientCIDRs");
    addresses.addObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", "127.0.0.1");
    return doc;
  }

  private ObjectNode groupList() {
    ObjectNode doc = json.createObjectNode();
    doc.put("kind", "APIGroupList");
    doc.put("apiVersion", "v1");
    ArrayNode groups = doc.putArray("groups");
    for (String group : groups()) {
      groups.add(groupBody(group));
    }
    return doc;
  }

  private ObjectNode group(String name) {
    if (name.isEmpty() || !groups().contains(name)) {
      return null;
    }
    ObjectNode doc = groupBody(name);
    doc.put("kind", "APIGroup");
    doc.put("apiVersion", "v1");
    return doc;
  }

  private ObjectNode groupBody(String group) {
    ObjectNode g = json.createObjectNode();
    g.put("name", group);
    ArrayNode versions = g.putArray("versions");
    List<String> served = versionsOf(group);
    for (String v : served) {
      versions.addObject().put("groupVersion", group + "/" + v).put("version", v);
    }
    g.putObject("preferredVersion")
        .put("groupVersion", group + "/" + served.get(0))
        .put("version", served.get(0));
    return g;
  }

  private MockResponse resourceList(String group, String version) {
    List<ApiResource> served = new ArrayList<>();
    for (ApiResource r : resources.values()) {
      if (r.group().equals(group) && r.version().equals(version)) {
        served.add(r);
      }
    }
    if (served.isEmpty()) {
      return notFound();
    }
    served.sort(Comparator.comparing(ApiResource::plural));
    ObjectNode doc = json.createObjectNode();
    doc.put("kind", "APIResourceList");
    doc.put("apiVersion", "v1");
    doc.put("groupVersion", served.get(0).groupVersion());
    ArrayNode list = doc.putArray("resources");
    for (ApiResource r : served) {
      ObjectNode entry = list.addObject();
      entry.put("name", r.plural());
      entry.put("singularName", r.singular());
      entry.put("namespaced", r.namespaced());
      entry.put("kind", r.kind());
      strings(entry.putArray("verbs"), ApiResource.VERBS);
      List<String> shortNames = ShortNames.of(r);
      if (!shortNames.isEmpty()) {
        strings(entry.putArray("shortNames"), shortNames);
      }
      List<String> categories = ShortNames.categories(r);
      if (!categories.isEmpty()) {
        strings(entry.putArray("categories"), categories);
      }
      if (r.scale()) {
        subresource(list, r, "scale")
            .put("group", "autoscaling")
            .put("version", "v1")
            .put("kind", "Scale");
      }
      if (r.status()) {
        subresource(list, r, "status").put("kind", r.kind());
      }
    }
    return ok(doc);
  }

  private ObjectNode subresource(ArrayNode list, ApiResource r, String name) {
    ObjectNode entry = list.addObject();
    entry.put("name", r.plural() + "/" + name);
    entry.put("singularName", "");
    entry.put("namespaced", r.namespaced());
    strings(entry.putArray("verbs"), ApiResource.SUBRESOURCE_VERBS);
    return entry;
  }

  private ObjectNode version() {
    String[] numbers = gitVersion.substring(1).split("[.-]");
    ObjectNode doc = json.createObjectNode();
    doc.put("major", numbers[0]);
    doc.put("minor", numbers[1]);
    doc.put("gitVersion", gitVersion);
    doc.put("gitCommit", "");
    doc.put("gitTreeState", "clean");
    doc.put("buildDate", "1970-01-01T00:00:00Z");
    doc.put("goVersion", "");
    doc.put("compiler", "");
    doc.put("platform", "linux/amd64");
    return doc;
  }

  /** The named groups served, alphabetically. */
  private List<String> groups() {
    Map<String, Boolean> names = new TreeMap<>();
    for (ApiResource r : resources.values()) {
      if (!r.group().isEmpty()) {
        names.put(r.group(), true);
      }
    }
    return new ArrayList<>(names.keySet());
  }

  /** The versions of {@code group} served, preferred (newest) first. */
  private List<String> versionsOf(String group) {
    List<String> versions = new ArrayList<>();
    for (ApiResource r : resources.values()) {
      if (r.group().equals(group) && !versions.contains(r.version())) {
        versions.add(r.version());
      }
    }
    versions.sort(NEWEST_FIRST);
    return versions;
  }

  /**
   * Kubernetes' version order: GA above beta above alpha, then the higher major, then the higher
   * pre-release number ({@code v2 > v1 > v1beta2 > v1beta1 > v1alpha1}).
   */
  static long versionRank(String version) {
    Matcher m = VERSION.matcher(version);
    if (!m.matches()) {
      return -1;
    }
    int stability = m.group(2) == null ? 2 : m.group(2).equals("beta") ? 1 : 0;
    long major = Long.parseLong(m.group(1));
    long pre = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
    return stability * 1_000_000_000L + major * 1_000L + pre;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private MockResponse ok(ObjectNode doc) {
    return new MockResponse()
        .setResponseCode(200)
        .addHeader("Content-Type", "application/json")
        .setBody(json.writeValueAsString(doc));
  }

  /** 404 with the Status the API server sends for a path it does not serve. */
  static MockResponse notFound() {
    return status(404, "NotFound", "the server could not find the requested resource");
  }

  /** A failure {@code Status} with {@code code}, {@code reason} and {@code message}. */
  static MockResponse status(int code, String reason, String message) {
    ObjectNode status = JsonMapper.builder().build().createObjectNode();
    status.put("kind", "Status");
    status.put("apiVersion", "v1");
    status.putObject("metadata");
    status.put("status", "Failure");
    status.put("message", message);
    status.put("reason", reason);
    status.put("code", code);
    return new MockResponse()
        .setResponseCode(code)
        .addHeader("Content-Type", "application/json")
        .setBody(status.toString());
  }
}
