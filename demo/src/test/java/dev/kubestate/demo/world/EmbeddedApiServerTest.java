package dev.kubestate.demo.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.apiserver.EmbeddedApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EmbeddedApiServerTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final SyntheticCluster CLUSTER = SyntheticCluster.generate(5, 6, 80);
  private static EmbeddedApiServer server;

  @BeforeAll
  static void seed() {
    server = EmbeddedApiServer.start(0);
    server.seed(CLUSTER.objects());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void listsBackExactlyTheSeededObjectsWithTheirUids() {
    KubernetesClient client = server.client();
    List<HasMetadata> listed = new ArrayList<>();
    for (Class<? extends HasMetadata> type : kinds()) {
      listed.addAll(client.resources(type).inAnyNamespace().list().getItems());
    }
    Map<String, String> expected = comparable(CLUSTER.objects(), Map.of());
    Map<String, String> actual = comparable(listed, expected);
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((key, json) -> assertEquals(json, actual.get(key), key));
    assertEquals(39, kinds().size(), "kinds seeded: every kind KSM exports");
  }

  @Test
  void watchesOfEveryKindStartWithItsSeededObjects() throws InterruptedException {
    for (Class<? extends HasMetadata> type : kinds()) {
      Set<String> seeded = new HashSet<>();
      CLUSTER.objects().stream()
          .filter(type::isInstance)
          .forEach(o -> seeded.add(o.getMetadata().getUid()));
      Set<String> added = ConcurrentHashMap.newKeySet();
      CountDownLatch all = new CountDownLatch(seeded.size());
      Watcher<HasMetadata> watcher =
          new Watcher<>() {
            @Override
            public void eventReceived(Action action, HasMetadata o) {
              if (action == Action.ADDED
                  && seeded.contains(o.getMetadata().getUid())
                  && added.add(o.getMetadata().getUid())) {
                all.countDown();
              }
            }

            @Override
            public void onClose(WatcherException cause) {}
          };
      try (Watch watch = watch(type, watcher)) {
        assertTrue(all.await(30, TimeUnit.SECONDS), type.getSimpleName() + " watch replay");
      }
      assertEquals(seeded, added, type.getSimpleName());
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> Watch watch(Class<T> type, Watcher<HasMetadata> w) {
    return server.client().resources(type).inAnyNamespace().watch((Watcher<T>) (Watcher<?>) w);
  }

  /** The classes of the seeded objects, in seeding order. */
  private static Set<Class<? extends HasMetadata>> kinds() {
    Set<Class<? extends HasMetadata>> out = new LinkedHashSet<>();
    CLUSTER.objects().forEach(o -> out.add(o.getClass()));
    return out;
  }

  @Test
  void givesObjectsSentWithoutUidTheServersOwn() {
    ConfigMap created =
        server
            .client()
            .configMaps()
            .inNamespace("default")
            .resource(
                new ConfigMapBuilder().withNewMetadata().withName("plain").endMetadata().build())
            .create();
    assertNotNull(created.getMetadata().getUid());
    assertNotNull(created.getMetadata().getCreationTimestamp());
  }

  @Test
  void answersCreateWithTheKeptUid() {
    ConfigMap sent =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName("kept")
            .withNamespace("default")
            .withUid("11111111-2222-4333-8444-555555555555")
            .withCreationTimestamp("2020-02-02T02:02:02Z")
            .endMetadata()
            .build();
    ConfigMap created = server.client().resource(sent).create();
    assertEquals("11111111-2222-4333-8444-555555555555", created.getMetadata().getUid());
    assertEquals("2020-02-02T02:02:02Z", created.getMetadata().getCreationTimestamp());
    assertNotEquals(null, created.getMetadata().getResourceVersion());
  }

  /**
   * Objects by kind/namespace/name as JSON, without what only the server assigns: the
   * resourceVersion, and the generation of objects sent without one ({@code sent}: the JSON of the
   * objects as sent, by the same keys).
   */
  private static Map<String, String> comparable(
      List<HasMetadata> objects, Map<String, String> sent) {
    Map<String, String> out = new TreeMap<>();
    for (HasMetadata o : objects) {
      String key =
          o.getKind() + " " + o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
      HasMetadata copy = JSON.clone(o);
      copy.getMetadata().setResourceVersion(null);
      if (sent.containsKey(key) && !sent.get(key).contains("\"generation\":")) {
        copy.getMetadata().setGeneration(null);
      }
      out.put(key, JSON.asJson(copy));
    }
    return out;
  }
}
