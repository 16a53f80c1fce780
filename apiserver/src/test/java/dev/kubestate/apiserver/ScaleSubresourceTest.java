package dev.kubestate.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code scale} subresource as the API server serves it: an {@code autoscaling/v1} Scale read
 * from the object, written back to {@code spec.replicas} by PUT or merge PATCH, with optimistic
 * concurrency on {@code metadata.resourceVersion}.
 */
class ScaleSubresourceTest {

  private static final String STS = "/apis/apps/v1/namespaces/shop/statefulsets/web";
  private static final KubernetesSerialization MODEL = new KubernetesSerialization();

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
  void getReadsReplicasAndSelectorFromTheObject() throws Exception {
    HttpResponse<String> response = send("GET", STS + "/scale", null, null);
    assertEquals(200, response.statusCode(), response.body());
    Scale scale = MODEL.unmarshal(response.body(), Scale.class);
    StatefulSet set = statefulSet();
    assertEquals("autoscaling/v1", scale.getApiVersion());
    assertEquals("Scale", scale.getKind());
    assertEquals("web", scale.getMetadata().getName());
    assertEquals("shop", scale.getMetadata().getNamespace());
    assertEquals(set.getMetadata().getUid(), scale.getMetadata().getUid());
    assertEquals(set.getMetadata().getResourceVersion(), scale.getMetadata().getResourceVersion());
    assertEquals(3, scale.getSpec().getReplicas());
    assertEquals(2, scale.getStatus().getReplicas());
    assertEquals("app=web,tier in (front,edge)", scale.getStatus().getSelector());
  }

  @Test
  void mergePatchSetsSpecReplicasAndWatchersSeeIt() throws Exception {
    BlockingQueue<Integer> seen = new LinkedBlockingQueue<>();
    try (Watch w =
        api.client()
            .apps()
            .statefulSets()
            .inNamespace("shop")
            .withName("web")
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, StatefulSet s) {
                    if (action == Action.MODIFIED) {
                      seen.add(s.getSpec().getReplicas());
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {}
                })) {
      String before = statefulSet().getMetadata().getResourceVersion();
      HttpResponse<String> response =
          send(
              "PATCH",
              STS + "/scale",
              "application/merge-patch+json",
              "{\"spec\":{\"replicas\":5}}");
      assertEquals(200, response.statusCode(), response.body());
      Scale scale = MODEL.unmarshal(response.body(), Scale.class);
      assertEquals(5, scale.getSpec().getReplicas());
      StatefulSet after = statefulSet();
      assertEquals(5, after.getSpec().getReplicas());
      assertEquals(
          after.getMetadata().getResourceVersion(), scale.getMetadata().getResourceVersion());
      assertTrue(Long.parseLong(after.getMetadata().getResourceVersion()) > Long.parseLong(before));
      assertEquals(5, seen.poll(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void putWithAStaleResourceVersionConflicts() throws Exception {
    Scale scale = MODEL.unmarshal(send("GET", STS + "/scale", null, null).body(), Scale.class);
    String current = scale.getMetadata().getResourceVersion();
    scale.getSpec().setReplicas(7);
    scale.getMetadata().setResourceVersion("1");
    HttpResponse<String> stale =
        send("PUT", STS + "/scale", "application/json", MODEL.asJson(scale));
    assertEquals(409, stale.statusCode(), stale.body());
    assertEquals(3, statefulSet().getSpec().getReplicas());
    scale.getMetadata().setResourceVersion(current);
    HttpResponse<String> fresh =
        send("PUT", STS + "/scale", "application/json", MODEL.asJson(scale));
    assertEquals(200, fresh.statusCode(), fresh.body());
    assertEquals(7, statefulSet().getSpec().getReplicas());
  }

  @Test
  void rejectsNegativeReplicasJsonPatchesAndUnknownObjects() throws Exception {
    HttpResponse<String> negative =
        send(
            "PATCH",
            STS + "/scale",
            "application/merge-patch+json",
            "{\"spec\":{\"replicas\":-1}}");
    assertEquals(422, negative.statusCode(), negative.body());
    assertEquals(
        "Invalid",
        JsonMapper.builder().build().readTree(negative.body()).path("reason").asString());
    HttpResponse<String> jsonPatch =
        send(
            "PATCH",
            STS + "/scale",
            "application/json-patch+json",
            "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":2}]");
    assertEquals(415, jsonPatch.statusCode(), jsonPatch.body());
    assertEquals(404, send("GET", STS + "x/scale", null, null).statusCode());
    assertEquals(3, statefulSet().getSpec().getReplicas());
  }

  @Test
  void fabric8ClientScalesDeploymentsToo() {
    api.client().apps().deployments().inNamespace("shop").withName("api").scale(4);
    assertEquals(
        4,
        api.client()
            .apps()
            .deployments()
            .inNamespace("shop")
            .withName("api")
            .get()
            .getSpec()
            .getReplicas());
  }

  @Test
  void selectorTextSortsRequirementsByKey() {
    JsonMapper json = JsonMapper.builder().build();
    assertEquals(
        "a=1,b notin (x),c,!d,z=2",
        ScaleSubresource.selector(
            json.readTree(
                "{\"matchLabels\":{\"z\":\"2\",\"a\":\"1\"},\"matchExpressions\":["
                    + "{\"key\":\"d\",\"operator\":\"DoesNotExist\"},"
                    + "{\"key\":\"c\",\"operator\":\"Exists\"},"
                    + "{\"key\":\"b\",\"operator\":\"NotIn\",\"values\":[\"x\"]}]}")));
    assertEquals("app=db", ScaleSubresource.selector(json.readTree("{\"app\":\"db\"}")));
  }

  private StatefulSet statefulSet() {
    return api.client().apps().statefulSets().inNamespace("shop").withName("web").get();
  }

  private HttpResponse<String> send(String method, String path, String type, String body)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.url()).resolve(path));
    if (type != null) {
      b.header("Content-Type", type);
    }
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
