package dev.kubestate.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FieldSelectionTest {

  private LoopbackApiServer server;

  @BeforeEach
  void seed() {
    server = new LoopbackApiServer(ApiServerFeatures.withShardSelector());
    create("default", "a", "node-1");
    create("default", "b", "node-2");
    create("default", "c", null);
    create("kube-system", "d", "node-1");
    create("kube-system", "e", null);
    create("other", "f", "node-1");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void listsExactlyThePodsOfOneNode() throws Exception {
    assertEquals(
        Set.of("default/a", "kube-system/d", "other/f"),
        names(server.list("/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-1")));
    assertEquals(
        Set.of("default/a", "kube-system/d", "other/f"),
        names(server.client().pods().inAnyNamespace().withField("spec.nodeName", "node-1").list()));
  }

  @Test
  void listsExactlyTheUnscheduledPodsForAnEmptyNodeName() throws Exception {
    assertEquals(
        Set.of("default/c", "kube-system/e"),
        names(server.list("/api/v1/pods?fieldSelector=spec.nodeName%3D")));
  }

  @Test
  void appliesNotEqualAndAndsTerms() throws Exception {
    assertEquals(
        Set.of("default/b", "default/c", "kube-system/e"),
        names(server.list("/api/v1/pods?fieldSelector=spec.nodeName!%3Dnode-1")));
    assertEquals(
        Set.of("default/a", "default/b", "default/c", "other/f"),
        names(server.list("/api/v1/pods?fieldSelector=metadata.namespace!%3Dkube-system")));
    assertEquals(
        Set.of("default/a"),
        names(
            server.list(
                "/api/v1/pods?fieldSelector="
                    + "metadata.namespace%3D%3Ddefault,spec.nodeName%3Dnode-1")));
    assertEquals(
        Set.of("default/b"), names(server.list("/api/v1/pods?fieldSelector=metadata.name%3Db")));
  }

  @Test
  void selectsWithinTheNamespaceOfThePath() throws Exception {
    assertEquals(
        Set.of("kube-system/d"),
        names(
            server.list(
                "/api/v1/namespaces/kube-system/pods?fieldSelector=spec.nodeName%3Dnode-1")));
  }

  @Test
  void answersBadRequestForALabelTheKindDoesNotSupport() throws Exception {
    assertBadRequest(
        "/api/v1/pods?fieldSelector=spec.foo%3Dx", "field label not supported: spec.foo");
    assertBadRequest(
        "/api/v1/nodes?fieldSelector=metadata.namespace%3Dx",
        "field label not supported: metadata.namespace");
    assertBadRequest(
        "/api/v1/configmaps?fieldSelector=data.x%3Dy",
        "\"data.x\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
    assertBadRequest(
        "/api/v1/pods?fieldSelector=spec.nodeName&watch=true",
        "invalid selector: 'spec.nodeName'; can't understand 'spec.nodeName'");
    KubernetesClientException e =
        assertThrows(
            KubernetesClientException.class,
            () -> server.client().pods().inAnyNamespace().withField("spec.foo", "x").list());
    assertEquals(400, e.getCode());
  }

  @Test
  void watchAddsModifiesAndDeletesAsPodsEnterAndLeaveTheSelection() throws Exception {
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    KubernetesClient client = server.client();
    try (Watch watch =
        client.pods().inAnyNamespace().withField("spec.nodeName", "node-1").watch(into(events))) {
      Set<String> initial = new TreeSet<>();
      for (int i = 0; i < 3; i++) {
        initial.add(next(events));
      }
      assertEquals(
          Set.of("ADDED default/a node-1", "ADDED kube-system/d node-1", "ADDED other/f node-1"),
          initial);

      schedule("default", "b", "node-3"); // not selected before or after: no event
      schedule("default", "c", "node-1");
      assertEquals("ADDED default/c node-1", next(events));
      client
          .pods()
          .inNamespace("kube-system")
          .withName("d")
          .edit(p -> new PodBuilder(p).editMetadata().addToLabels("k", "v").endMetadata().build());
      assertEquals("MODIFIED kube-system/d node-1", next(events));
      Pod moved = schedule("default", "a", "node-2");
      String left = next(events);
      assertEquals("DELETED default/a node-1 rv=" + moved.getMetadata().getResourceVersion(), left);
      client.pods().inNamespace("other").withName("f").delete();
      assertEquals("DELETED other/f node-1", next(events));
    }
  }

  private void create(String namespace, String name, String node) {
    server
        .client()
        .pods()
        .inNamespace(namespace)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .addNewContainer()
                .withName("c")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  private Pod schedule(String namespace, String name, String node) {
    return server
        .client()
        .pods()
        .inNamespace(namespace)
        .withName(name)
        .edit(p -> new PodBuilder(p).editSpec().withNodeName(node).endSpec().build());
  }

  private void assertBadRequest(String pathAndQuery, String message) throws Exception {
    HttpResponse<String> response = server.get(pathAndQuery);
    assertEquals(400, response.statusCode(), response.body());
    JsonNode status = LoopbackApiServer.JSON.readTree(response.body());
    assertEquals("Status", status.path("kind").asString());
    assertEquals("Failure", status.path("status").asString());
    assertEquals("BadRequest", status.path("reason").asString());
    assertEquals(400, status.path("code").asInt());
    assertEquals(message, status.path("message").asString());
  }

  private static Set<String> names(JsonNode list) {
    Set<String> out = new TreeSet<>();
    for (JsonNode item : list.path("items")) {
      out.add(
          item.at("/metadata/namespace").asString() + "/" + item.at("/metadata/name").asString());
    }
    return out;
  }

  private static Set<String> names(PodList pods) {
    Set<String> out = new TreeSet<>();
    for (Pod p : pods.getItems()) {
      out.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
    }
    return out;
  }

  private static Watcher<Pod> into(BlockingQueue<String> events) {
    return new Watcher<>() {
      @Override
      public void eventReceived(Action action, Pod pod) {
        String rv =
            action == Action.DELETED && pod.getMetadata().getNamespace().equals("default")
                ? " rv=" + pod.getMetadata().getResourceVersion()
                : "";
        events.add(
            action
                + " "
                + pod.getMetadata().getNamespace()
                + "/"
                + pod.getMetadata().getName()
                + " "
                + pod.getSpec().getNodeName()
                + rv);
      }

      @Override
      public void onClose(WatcherException cause) {}
    };
  }

  private static String next(BlockingQueue<String> events) throws InterruptedException {
    String event = events.poll(30, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no watch event within 30s");
    }
    return event;
  }
}
