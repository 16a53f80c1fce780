package dev.kubestate.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.APIGroup;
import io.fabric8.kubernetes.api.model.APIGroupList;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.APIVersions;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The discovery documents against the Kubernetes API conventions (api-conventions.md and the
 * discovery types of apimachinery): what {@code /api}, {@code /apis} and each resource list hold,
 * parsed by fabric8's model with no field left over, and fabric8's own discovery on top of them.
 */
class DiscoveryTest {

  private static final KubernetesSerialization MODEL = new KubernetesSerialization();
  private static final Set<String> VERBS =
      Set.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
  private static final Pattern RESOURCE = Pattern.compile("[a-z0-9]+(/[a-z]+)?");
  private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]*");

  private EmbeddedApiServer api;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    api = EmbeddedApiServer.start(0);
    api.seed(DemoObjects.some());
  }

  @AfterEach
  void stop() {
    api.close();
  }

  @Test
  void apiListsTheCoreVersionAndNoObjects() throws Exception {
    HttpResponse<String> response = get("/api");
    assertEquals(200, response.statusCode());
    assertTrue(response.body().length() < 1_000, response.body());
    APIVersions versions = parse(response.body(), APIVersions.class);
    assertEquals("APIVersions", versions.getKind());
    assertEquals(List.of("v1"), versions.getVersions());
  }

  @Test
  void apisListsEachGroupOnceWithItsNewestVersionPreferred() throws Exception {
    APIGroupList list = parse(get("/apis").body(), APIGroupList.class);
    assertEquals("APIGroupList", list.getKind());
    Map<String, APIGroup> groups = new TreeMap<>();
    for (APIGroup g : list.getGroups()) {
      assertNull(groups.put(g.getName(), g), "group twice: " + g.getName());
      assertTrue(g.getVersions().contains(g.getPreferredVersion()), g.toString());
      for (GroupVersionForDiscovery v : g.getVersions()) {
        assertEquals(g.getName() + "/" + v.getVersion(), v.getGroupVersion());
      }
    }
    assertEquals(Set.of("apps", "autoscaling", "rbac.authorization.k8s.io"), groups.keySet());
    assertEquals(
        "autoscaling/v2", groups.get("autoscaling").getPreferredVersion().getGroupVersion());
    assertFalse(groups.containsKey(""), "the core group is under /api, not /apis");
  }

  @Test
  void coreResourceListNamesPodsAsKubectlExpects() throws Exception {
    Map<String, APIResource> core = resources("/api/v1", "v1");
    APIResource pods = core.get("pods");
    assertEquals("pod", pods.getSingularName());
    assertEquals("Pod", pods.getKind());
    assertTrue(pods.getNamespaced());
    assertEquals(VERBS, Set.copyOf(pods.getVerbs()));
    assertEquals(List.of("po"), pods.getShortNames());
    assertEquals(List.of("all"), pods.getCategories());
    assertEquals(List.of("get", "patch", "update"), core.get("pods/status").getVerbs());
    assertFalse(core.get("nodes").getNamespaced());
    assertEquals(List.of("no"), core.get("nodes").getShortNames());
    assertFalse(core.get("namespaces").getNamespaced());
    assertEquals(List.of("ns"), core.get("namespaces").getShortNames());
  }

  @Test
  void appsResourceListHasScaleSubresourcesOfKindAutoscalingScale() throws Exception {
    Map<String, APIResource> apps = resources("/apis/apps/v1", "apps/v1");
    assertEquals(List.of("sts"), apps.get("statefulsets").getShortNames());
    assertEquals(List.of("deploy"), apps.get("deployments").getShortNames());
    for (String name : List.of("statefulsets/scale", "deployments/scale")) {
      APIResource scale = apps.get(name);
      assertEquals("Scale", scale.getKind(), name);
      assertEquals("autoscaling", scale.getGroup(), name);
      assertEquals("v1", scale.getVersion(), name);
      assertTrue(scale.getNamespaced(), name);
    }
    assertEquals("StatefulSet", apps.get("statefulsets/status").getKind());
  }

  @Test
  void everyServedGroupVersionHasAConventionalResourceList() throws Exception {
    int lists = 0;
    for (APIGroup g : parse(get("/apis").body(), APIGroupList.class).getGroups()) {
      for (GroupVersionForDiscovery v : g.getVersions()) {
        resources("/apis/" + v.getGroupVersion(), v.getGroupVersion());
        lists++;
      }
    }
    resources("/api/v1", "v1");
    assertEquals(3, lists);
  }

  @Test
  void unknownGroupVersionAndOpenApiAreNotFound() throws Exception {
    for (String path : List.of("/apis/nope.example.com/v1", "/apis/apps/v9", "/openapi/v2")) {
      HttpResponse<String> response = get(path);
      assertEquals(404, response.statusCode(), path);
      Status status = parse(response.body(), Status.class);
      assertEquals("NotFound", status.getReason(), path);
    }
  }

  @Test
  void versionNamesAKubernetesRelease() throws Exception {
    Map<?, ?> version = MODEL.unmarshal(get("/version").body(), Map.class);
    assertEquals("1", version.get("major"));
    assertEquals("36", version.get("minor"));
    assertEquals("v1.36.0", version.get("gitVersion"));
  }

  @Test
  void kindCreatedOverHttpJoinsDiscovery() throws Exception {
    assertFalse(resources("/api/v1", "v1").containsKey("configmaps"));
    api.client()
        .configMaps()
        .inNamespace(DemoObjects.NAMESPACE)
        .resource(new ConfigMapBuilder().withNewMetadata().withName("c").endMetadata().build())
        .create();
    assertEquals(List.of("cm"), resources("/api/v1", "v1").get("configmaps").getShortNames());
  }

  @Test
  void typesServedExplicitlyAreListed() throws Exception {
    api.serve(List.of(CronJob.class));
    assertEquals(
        List.of("cj"), resources("/apis/batch/v1", "batch/v1").get("cronjobs").getShortNames());
  }

  @Test
  void fabric8DiscoveryFindsTheServedKinds() {
    assertTrue(api.client().supports(StatefulSet.class));
    assertFalse(api.client().supports(CronJob.class));
    assertTrue(api.client().hasApiGroup("apps", false));
  }

  /** The resource list at {@code path}, checked against the conventions, by resource name. */
  private Map<String, APIResource> resources(String path, String groupVersion) throws Exception {
    HttpResponse<String> response = get(path);
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    APIResourceList list = parse(response.body(), APIResourceList.class);
    assertEquals("APIResourceList", list.getKind());
    assertEquals(groupVersion, list.getGroupVersion());
    Map<String, APIResource> byName = new TreeMap<>();
    for (APIResource r : list.getResources()) {
      assertTrue(RESOURCE.matcher(r.getName()).matches(), r.getName());
      assertTrue(KIND.matcher(r.getKind()).matches(), r.getKind());
      assertTrue(VERBS.containsAll(r.getVerbs()), r.toString());
      assertNotNull(r.getNamespaced(), r.getName());
      if (r.getName().contains("/")) {
        assertEquals("", r.getSingularName(), r.getName());
        assertTrue(byName.containsKey(r.getName().split("/")[0]), "parent of " + r.getName());
      } else {
        assertEquals(r.getKind().toLowerCase(java.util.Locale.ROOT), r.getSingularName());
      }
      assertEquals(Map.of(), r.getAdditionalProperties(), r.getName());
      byName.put(r.getName(), r);
    }
    return byName;
  }

  private <T> T parse(String body, Class<T> type) {
    T value = MODEL.unmarshal(body, type);
    try {
      Object extra = type.getMethod("getAdditionalProperties").invoke(value);
      assertEquals(Map.of(), extra, type.getSimpleName() + " has fields the model lacks");
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    return value;
  }

  private HttpResponse<String> get(String path) throws Exception {
    URI uri = URI.create(api.url()).resolve(path);
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
