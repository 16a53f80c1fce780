package dev.kubestate.exporter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    server.seed(CLUSTER);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void listsBackExactlyTheSeededObjectsWithTheirUids() {
    KubernetesClient client = server.client();
    List<HasMetadata> listed = new ArrayList<>();
    listed.addAll(client.namespaces().list().getItems());
    listed.addAll(client.nodes().list().getItems());
    listed.addAll(client.apps().deployments().inAnyNamespace().list().getItems());
    listed.addAll(client.apps().replicaSets().inAnyNamespace().list().getItems());
    listed.addAll(client.services().inAnyNamespace().list().getItems());
    listed.addAll(client.pods().inAnyNamespace().list().getItems());
    Map<String, String> expected = comparable(CLUSTER.objects(), Map.of());
    Map<String, String> actual = comparable(listed, expected);
    assertEquals(expected.keySet(), actual.keySet());
    expected.forEach((key, json) -> assertEquals(json, actual.get(key), key));
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
