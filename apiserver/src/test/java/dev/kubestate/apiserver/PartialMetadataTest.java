package dev.kubestate.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The metadata-only representation, as the Kubernetes API concepts document describes it
 * ("Receiving resources as Table / metadata"): {@code as=PartialObjectMetadataList} on a LIST,
 * {@code as=PartialObjectMetadata} on a WATCH or a GET of one object, {@code meta.k8s.io/v1}, the
 * {@code metadata} of each object and nothing else; media ranges tried in order, 406 for a
 * representation that does not fit the request; ignored by a server without the feature.
 */
class PartialMetadataTest {

  private static final String NS = "meta";
  private static final String PATH = "/api/v1/namespaces/" + NS + "/configmaps";
  private static final String ONE = PATH + "?fieldSelector=metadata.name%3Dcm-1";
  private static final String LIST =
      "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
  private static final String WATCH =
      "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";
  private static final String SECRET_VALUE = "value-that-must-not-travel";

  @Test
  void listIsPartialObjectMetadataListCarryingEachObjectsMetadataOnly() throws Exception {
    try (LoopbackApiServer server = seeded(new ApiServerFeatures(false))) {
      JsonNode full = server.list(PATH);
      HttpResponse<String> response = server.get(PATH, "Accept", LIST);
      assertEquals(200, response.statusCode(), response.body());
      assertFalse(response.body().contains(SECRET_VALUE), response.body());
      JsonNode partial = LoopbackApiServer.JSON.readTree(response.body());
      assertEquals("PartialObjectMetadataList", partial.path("kind").asString());
      assertEquals("meta.k8s.io/v1", partial.path("apiVersion").asString());
      assertEquals(
          full.at("/metadata/resourceVersion").asString(),
          partial.at("/metadata/resourceVersion").asString());
      assertEquals(full.path("items").size(), partial.path("items").size());
      for (int i = 0; i < full.path("items").size(); i++) {
        JsonNode item = partial.path("items").get(i);
        assertEquals("PartialObjectMetadata", item.path("kind").asString());
        assertEquals("meta.k8s.io/v1", item.path("apiVersion").asString());
        assertEquals(List.of("kind", "apiVersion", "metadata"), fieldNames(item));
        assertEquals(full.path("items").get(i).path("metadata"), item.path("metadata"));
      }
    }
  }

  @Test
  void shardSelectionStillAppliesAndShardInfoIsKept() throws Exception {
    try (LoopbackApiServer server = seeded(ApiServerFeatures.withShardSelector())) {
      String selector = "shardRange(object.metadata.uid, '0x0', '0x8000000000000000')";
      String query = PATH + "?shardSelector=" + URLEncoder.encode(selector, StandardCharsets.UTF_8);
      JsonNode full = server.list(query);
      JsonNode partial = LoopbackApiServer.JSON.readTree(server.get(query, "Accept", LIST).body());
      assertEquals(uids(full), uids(partial));
      assertEquals(selector, partial.at("/metadata/shardInfo/selector").asString());
    }
  }

  @Test
  void watchEventsCarryPartialObjectMetadata() throws Exception {
    try (LoopbackApiServer server = seeded(new ApiServerFeatures(false));
        RawWatch watch = server.watch(ONE, "Accept", WATCH)) {
      JsonNode added = watch.next();
      assertEquals("ADDED", added.path("type").asString());
      assertPartial(added.path("object"), "cm-1");
      server
          .client()
          .configMaps()
          .inNamespace(NS)
          .withName("cm-1")
          .edit(
              c ->
                  new ConfigMapBuilder(c)
                      .editMetadata()
                      .addToLabels("tier", "b")
                      .endMetadata()
                      .build());
      JsonNode modified = watch.next();
      assertEquals("MODIFIED", modified.path("type").asString());
      assertPartial(modified.path("object"), "cm-1");
      assertEquals("b", modified.at("/object/metadata/labels/tier").asString());
      server.client().configMaps().inNamespace(NS).withName("cm-1").delete();
      JsonNode deleted = watch.next();
      assertEquals("DELETED", deleted.path("type").asString());
      assertPartial(deleted.path("object"), "cm-1");
    }
  }

  @Test
  void oneObjectIsPartialObjectMetadata() throws Exception {
    try (LoopbackApiServer server = seeded(new ApiServerFeatures(false))) {
      HttpResponse<String> response = server.get(PATH + "/cm-2", "Accept", WATCH);
      assertEquals(200, response.statusCode(), response.body());
      assertPartial(LoopbackApiServer.JSON.readTree(response.body()), "cm-2");
    }
  }

  @Test
  void mediaRangesAreTriedInOrderAndAMismatchedShapeIs406() throws Exception {
    try (LoopbackApiServer server = seeded(new ApiServerFeatures(false))) {
      String protobufFirst =
          "application/vnd.kubernetes.protobuf;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,"
              + "application/json";
      assertTrue(server.get(PATH, "Accept", protobufFirst).body().contains(SECRET_VALUE));
      assertTrue(server.get(PATH, "Accept", "*/*").body().contains(SECRET_VALUE));
      for (Map.Entry<String, String> wrong :
          Map.of(
                  PATH, WATCH,
                  PATH + "?watch=true", LIST,
                  PATH + "/cm-2", LIST,
                  PATH + "?x=1", "application/yaml")
              .entrySet()) {
        HttpResponse<String> response = server.get(wrong.getKey(), "Accept", wrong.getValue());
        assertEquals(406, response.statusCode(), wrong + ": " + response.body());
        JsonNode status = LoopbackApiServer.JSON.readTree(response.body());
        assertEquals("NotAcceptable", status.path("reason").asString(), response.body());
      }
    }
  }

  @Test
  void serverWithoutTheFeatureSendsFullObjects() throws Exception {
    ApiServerFeatures old =
        ApiServerFeatures.withoutShardSelector().withoutPartialObjectMetadata();
    try (LoopbackApiServer server = seeded(old);
        RawWatch watch = server.watch(ONE, "Accept", WATCH)) {
      JsonNode list = LoopbackApiServer.JSON.readTree(server.get(PATH, "Accept", LIST).body());
      assertFalse(list.path("kind").asString().startsWith("Partial"), list.toString());
      assertEquals(SECRET_VALUE, list.at("/items/0/data/key").asString());
      JsonNode added = watch.next();
      assertEquals("ConfigMap", added.at("/object/kind").asString());
      assertEquals(SECRET_VALUE, added.at("/object/data/key").asString());
    }
  }

  private static void assertPartial(JsonNode object, String name) {
    assertEquals("PartialObjectMetadata", object.path("kind").asString(), object.toString());
    assertEquals("meta.k8s.io/v1", object.path("apiVersion").asString());
    assertEquals(List.of("kind", "apiVersion", "metadata"), fieldNames(object));
    assertEquals(name, object.at("/metadata/name").asString());
    assertFalse(object.at("/metadata/uid").asString().isEmpty(), object.toString());
    assertFalse(object.toString().contains(SECRET_VALUE), object.toString());
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.propertyNames().forEach(names::add);
    return names;
  }

  private static List<String> uids(JsonNode list) {
    List<String> out = new ArrayList<>();
    list.path("items").forEach(i -> out.add(i.at("/metadata/uid").asString()));
    return out;
  }

  private static LoopbackApiServer seeded(ApiServerFeatures features) {
    LoopbackApiServer server = new LoopbackApiServer(features);
    for (int i = 0; i < 8; i++) {
      server
          .client()
          .configMaps()
          .inNamespace(NS)
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("cm-" + i)
                  .addToLabels("tier", "a")
                  .endMetadata()
                  .addToData("key", SECRET_VALUE)
                  .build())
          .create();
    }
    return server;
  }
}
