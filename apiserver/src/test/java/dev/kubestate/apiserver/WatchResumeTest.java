package dev.kubestate.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Watches resume as from the API server's watch cache, and the faults the server can show: a
 * WATCH from a list's resourceVersion is sent only later writes (a deletion with a resourceVersion
 * of its own); after a compaction it is refused with 410 Expired; an informer whose watch was cut
 * while an object was deleted sees the deletion, by replay or by listing again after 410; LISTs
 * fail with the status asked for; responses can be slowed.
 */
class WatchResumeTest {

  private EmbeddedApiServer api;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    api = EmbeddedApiServer.start(0);
    for (int i = 0; i < 3; i++) {
      create("c" + i);
    }
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private ConfigMap create(String name) {
    return api.client()
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace("d")
                .endMetadata()
                .addToData("k", "v")
                .build())
        .create();
  }

  private RawWatch watchFrom(long resourceVersion) {
    String url = api.url().replaceFirst("^http", "ws");
    return new RawWatch(
        http,
        URI.create(
            url + "api/v1/namespaces/d/configmaps?resourceVersion=" + resourceVersion
                + "&watch=true"));
  }

  @Test
  void aWatchFromAListsVersionGetsOnlyLaterWritesAndDeletionsGetAVersion() throws Exception {
    long listed =
        Long.parseLong(
            api.client().configMaps().inNamespace("d").list().getMetadata().getResourceVersion());
    try (RawWatch watch = watchFrom(listed)) {
      ConfigMap added = create("c3");
      api.client().configMaps().inNamespace("d").withName("c0").delete();
      JsonNode first = watch.next();
      assertEquals("ADDED", first.path("type").asText());
      assertEquals("c3", first.at("/object/metadata/name").asText());
      JsonNode second = watch.next();
      assertEquals("DELETED", second.path("type").asText());
      assertEquals("c0", second.at("/object/metadata/name").asText());
      long deletedAt = Long.parseLong(second.at("/object/metadata/resourceVersion").asText());
      assertTrue(
          deletedAt > Long.parseLong(added.getMetadata().getResourceVersion()),
          "a deletion has a resourceVersion of its own");
      assertEquals(
          Long.toString(deletedAt),
          api.client().configMaps().inNamespace("d").list().getMetadata().getResourceVersion());
    }
    try (RawWatch replay = watchFrom(listed)) {
      assertEquals("ADDED", replay.next().path("type").asText(), "replayed from the history");
      assertEquals("DELETED", replay.next().path("type").asText());
    }
  }

  @Test
  void aWatchFromBeforeACompactionIsRefusedWith410() throws Exception {
    long listed =
        Long.parseLong(
            api.client().configMaps().inNamespace("d").list().getMetadata().getResourceVersion());
    create("c3");
    api.compact();
    try (RawWatch watch = watchFrom(listed)) {
      JsonNode event = watch.next();
      assertEquals("ERROR", event.path("type").asText());
      assertEquals(410, event.at("/object/code").asInt());
      assertEquals("Expired", event.at("/object/reason").asText());
      assertTrue(event.at("/object/message").asText().startsWith("too old resource version: "));
    }
  }

  @Test
  void anInformerSeesADeletionMadeWhileItsWatchWasCutByReplay() throws Exception {
    informerSeesDeletionWhileCut(false);
  }

  @Test
  void anInformerSeesADeletionMadeWhileItsWatchWasCutByListingAgainAfter410()
      throws Exception {
    informerSeesDeletionWhileCut(true);
  }

  private void informerSeesDeletionWhileCut(boolean compact) throws Exception {
    BlockingQueue<String> deleted = new LinkedBlockingQueue<>();
    SharedIndexInformer<ConfigMap> informer =
        api.client()
            .configMaps()
            .inNamespace("d")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(ConfigMap c) {}

                  @Override
                  public void onUpdate(ConfigMap old, ConfigMap c) {}

                  @Override
                  public void onDelete(ConfigMap c, boolean unknown) {
                    deleted.add(c.getMetadata().getName());
                  }
                });
    try {
      informer.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
      api.faults().refuseWatches(true);
      api.closeWatches();
      api.client().configMaps().inNamespace("d").withName("c1").delete();
      if (compact) {
        api.compact();
      }
      api.faults().refuseWatches(false);
      assertEquals("c1", deleted.poll(60, TimeUnit.SECONDS));
      assertFalse(informer.getStore().listKeys().contains("d/c1"));
    } finally {
      informer.close();
    }
  }

  @Test
  void listsFailWithTheStatusAskedFor() throws Exception {
    api.faults().failLists(500);
    HttpResponse<String> failed = get("api/v1/namespaces/d/configmaps");
    assertEquals(500, failed.statusCode());
    JsonNode status = LoopbackApiServer.JSON.readTree(failed.body());
    assertEquals("InternalError", status.path("reason").asText());
    assertEquals(200, get("api/v1/namespaces/d/configmaps/c0").statusCode(), "a GET of one");
    api.faults().clear();
    assertEquals(200, get("api/v1/namespaces/d/configmaps").statusCode());
  }

  @Test
  void answersCanBeSlowed() throws Exception {
    api.faults().delayResponses(Duration.ofMillis(600));
    long start = System.nanoTime();
    assertEquals(200, get("api/v1/namespaces/d/configmaps").statusCode());
    assertTrue(System.nanoTime() - start >= 500_000_000L, "the answer waited");
    api.faults().clear();
  }

  @Test
  void collectionsAreToldFromObjects() {
    Map<String, Boolean> cases =
        Map.of(
            "/api/v1/pods", true,
            "/api/v1/namespaces", true,
            "/api/v1/namespaces/d", false,
            "/api/v1/namespaces/d/pods?limit=5", true,
            "/api/v1/namespaces/d/pods/p", false,
            "/apis/apps/v1/deployments", true,
            "/apis/apps/v1/namespaces/d/deployments", true,
            "/apis/apps/v1/namespaces/d/deployments/x", false,
            "/apis/apps/v1/namespaces/d/deployments/x/scale", false);
    cases.forEach((path, collection) -> assertEquals(collection, ApiDispatcher.isCollection(path), path));
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(api.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
