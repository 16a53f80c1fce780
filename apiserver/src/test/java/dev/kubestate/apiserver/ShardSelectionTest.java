package dev.kubestate.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ShardSelectionTest {

  private static final String NAMESPACE = "shards";
  private static final String PATH = "/api/v1/namespaces/" + NAMESPACE + "/configmaps";
  private static final BigInteger SPACE = BigInteger.ONE.shiftLeft(64);

  @Test
  void listsExactlyTheObjectsHashingIntoTheRangesAndEchoesTheSelector() throws Exception {
    try (LoopbackApiServer server = seeded(ApiServerFeatures.withShardSelector())) {
      Set<String> all = uids(server.list(PATH));
      Ranges ranges = Ranges.splitting(all);
      Set<String> expected = ranges.select(all);
      assertTrue(!expected.isEmpty() && expected.size() < all.size(), "a split: " + expected);

      JsonNode list = server.list(PATH + "?shardSelector=" + encode(ranges.selector));
      assertEquals(expected, uids(list));
      assertEquals(ranges.selector, list.at("/metadata/shardInfo/selector").asString());
    }
  }

  @Test
  void combinesWithAFieldSelector() throws Exception {
    try (LoopbackApiServer server = seeded(ApiServerFeatures.withShardSelector())) {
      Set<String> all = uids(server.list(PATH));
      Ranges ranges = Ranges.splitting(all);
      for (int i = 0; i < 24; i++) {
        String name = "cm-" + i;
        Set<String> expected =
            ranges.select(uids(server.list(PATH + "?fieldSelector=metadata.name%3D" + name)));
        JsonNode list =
            server.list(
                PATH
                    + "?fieldSelector=metadata.name%3D"
                    + name
                    + "&shardSelector="
                    + encode(ranges.selector));
        assertEquals(expected, uids(list), name);
      }
    }
  }

  @Test
  void hashesTheNamespaceWhenAsked() throws Exception {
    try (LoopbackApiServer server = seeded(ApiServerFeatures.withShardSelector())) {
      boolean kept =
          ReferenceFnv.inRanges(NAMESPACE, BigInteger.ZERO, BigInteger.ONE.shiftLeft(63));
      JsonNode list =
          server.list(
              PATH
                  + "?shardSelector="
                  + encode("shardRange(object.metadata.namespace, '0x0', '0x8000000000000000')"));
      assertEquals(kept ? uids(server.list(PATH)) : Set.of(), uids(list));
    }
  }

  @Test
  void ignoringServerReturnsEverythingWithoutShardInfo() throws Exception {
    try (LoopbackApiServer server = seeded(ApiServerFeatures.withoutShardSelector())) {
      Set<String> all = uids(server.list(PATH));
      JsonNode list =
          server.list(PATH + "?shardSelector=" + encode(Ranges.splitting(all).selector));
      assertEquals(all, uids(list));
      assertTrue(list.at("/metadata/shardInfo").isMissingNode(), list.path("metadata").toString());
      assertEquals(all, uids(server.list(PATH + "?shardSelector=nonsense")));
    }
  }

  @Test
  void honouringServerRejectsAnInvalidSelector() throws Exception {
    try (LoopbackApiServer server = seeded(ApiServerFeatures.withShardSelector())) {
      for (String bad :
          new String[] {
            "nonsense",
            "shardRange(object.metadata.name, '0x0', '0x10')",
            "shardRange(object.metadata.uid, '0x10', '0x10')",
            "shardRange(object.metadata.uid, '0x0', '0x10000000000000001')",
            "shardRange(object.metadata.uid, '0x0', '0x10') || "
                + "shardRange(object.metadata.namespace, '0x10', '0x20')"
          }) {
        HttpResponse<String> response = server.get(PATH + "?shardSelector=" + encode(bad));
        assertEquals(400, response.statusCode(), bad);
        JsonNode status = LoopbackApiServer.JSON.readTree(response.body());
        assertEquals("BadRequest", status.path("reason").asString(), bad);
      }
    }
  }

  @Test
  void watchDeliversOnlyObjectsHashingIntoTheRanges() throws Exception {
    try (LoopbackApiServer server = seeded(ApiServerFeatures.withShardSelector())) {
      Set<String> all = uids(server.list(PATH));
      Ranges ranges = Ranges.splitting(all);
      Set<String> expected = ranges.select(all);
      try (RawWatch watch = server.watch(PATH + "?shardSelector=" + encode(ranges.selector))) {
        Set<String> initial = new TreeSet<>();
        for (int i = 0; i < expected.size(); i++) {
          JsonNode event = watch.next();
          assertEquals("ADDED", event.path("type").asString());
          initial.add(event.at("/object/metadata/uid").asString());
        }
        assertEquals(expected, initial);

        Set<String> created = new TreeSet<>();
        for (int i = 0; i < 12; i++) {
          created.add(create(server, "late-" + i).getMetadata().getUid());
        }
        String sentinel = expected.iterator().next();
        relabel(server, sentinel);
        Set<String> added = new TreeSet<>();
        JsonNode event = watch.next();
        while (event.path("type").asString().equals("ADDED")) {
          added.add(event.at("/object/metadata/uid").asString());
          event = watch.next();
        }
        assertEquals(ranges.select(created), added);
        assertEquals("MODIFIED", event.path("type").asString());
        assertEquals(sentinel, event.at("/object/metadata/uid").asString());
      }
    }
  }

  private static LoopbackApiServer seeded(ApiServerFeatures features) {
    LoopbackApiServer server = new LoopbackApiServer(features);
    for (int i = 0; i < 24; i++) {
      create(server, "cm-" + i);
    }
    server
        .client()
        .configMaps()
        .inNamespace("elsewhere")
        .resource(
            new ConfigMapBuilder().withNewMetadata().withName("outside").endMetadata().build())
        .create();
    return server;
  }

  private static ConfigMap create(LoopbackApiServer server, String name) {
    return server
        .client()
        .configMaps()
        .inNamespace(NAMESPACE)
        .resource(new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().build())
        .create();
  }

  private static void relabel(LoopbackApiServer server, String uid) {
    for (ConfigMap cm : server.client().configMaps().inNamespace(NAMESPACE).list().getItems()) {
      if (cm.getMetadata().getUid().equals(uid)) {
        server
            .client()
            .configMaps()
            .inNamespace(NAMESPACE)
            .withName(cm.getMetadata().getName())
            .edit(
                c ->
                    new ConfigMapBuilder(c)
                        .editMetadata()
                        .addToLabels("touched", "yes")
                        .endMetadata()
                        .build());
        return;
      }
    }
    throw new AssertionError("no config map with uid " + uid);
  }

  /**
   * Two ranges, [0, b1) and [b2, 2^64), with b1 and b2 the reference hashes at a quarter and at
   * half of the given UIDs in hash order: the mock's sequential UIDs hash close together, so fixed
   * ranges would select all or nothing.
   */
  private record Ranges(String selector, BigInteger[] bounds) {
    static Ranges splitting(Set<String> uids) {
      List<BigInteger> hashes = new ArrayList<>();
      for (String uid : uids) {
        hashes.add(ReferenceFnv.hash(uid));
      }
      Collections.sort(hashes);
      BigInteger b1 = hashes.get(hashes.size() / 4);
      BigInteger b2 = hashes.get(hashes.size() / 2);
      String selector =
          "shardRange(object.metadata.uid, '0x0000000000000000', '"
              + hex(b1)
              + "') || "
              + "shardRange(object.metadata.uid, '"
              + hex(b2)
              + "', '0x10000000000000000')";
      return new Ranges(selector, new BigInteger[] {BigInteger.ZERO, b1, b2, SPACE});
    }

    Set<String> select(Set<String> uids) {
      Set<String> out = new TreeSet<>();
      for (String uid : uids) {
        if (ReferenceFnv.inRanges(uid, bounds)) {
          out.add(uid);
        }
      }
      return out;
    }

    private static String hex(BigInteger b) {
      String digits = b.toString(16);
      return "0x" + "0".repeat(Math.max(0, 16 - digits.length())) + digits;
    }
  }

  private static Set<String> uids(JsonNode list) {
    Set<String> out = new TreeSet<>();
    for (JsonNode item : list.path("items")) {
      out.add(item.at("/metadata/uid").asString());
    }
    return out;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
