package dev.kubestate.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An API server outage: suspended, the server refuses connections; resumed, it listens on the same
 * port with the same objects, resourceVersions continue, and an informer started before the outage
 * re-lists and sees what changed after it.
 */
class SuspendResumeTest {

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
  void comesBackOnTheSamePortWithTheSameObjects() throws Exception {
    Pod before = pod("web-0");
    int port = api.port();
    api.suspend();
    assertFalse(api.isServing());
    assertThrows(IOException.class, () -> get("/api/v1/pods"));
    api.suspend();
    api.resume();
    assertTrue(api.isServing());
    assertEquals(port, api.port());
    assertEquals(port, URI.create(api.url()).getPort());
    Pod after = pod("web-0");
    assertEquals(before.getMetadata().getUid(), after.getMetadata().getUid());
    assertEquals(
        before.getMetadata().getResourceVersion(), after.getMetadata().getResourceVersion());
    Pod edited =
        api.client()
            .pods()
            .inNamespace("shop")
            .withName("web-0")
            .edit(
                p -> new PodBuilder(p).editMetadata().addToLabels("x", "y").endMetadata().build());
    assertTrue(
        Long.parseLong(edited.getMetadata().getResourceVersion())
            > Long.parseLong(before.getMetadata().getResourceVersion()));
    assertEquals(200, get("/api/v1/namespaces/shop/pods/web-0").statusCode());
  }

  @Test
  void anInformerResyncsAfterTheOutage() throws Exception {
    BlockingQueue<String> labels = new LinkedBlockingQueue<>();
    SharedIndexInformer<Pod> informer =
        api.client()
            .pods()
            .inNamespace("shop")
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(Pod pod) {
                    record(pod);
                  }

                  @Override
                  public void onUpdate(Pod old, Pod pod) {
                    record(pod);
                  }

                  @Override
                  public void onDelete(Pod pod, boolean unknown) {}

                  private void record(Pod pod) {
                    Map<String, String> l = pod.getMetadata().getLabels();
                    if (l != null && l.containsKey("phase")) {
                      labels.add(pod.getMetadata().getName() + "=" + l.get("phase"));
                    }
                  }
                });
    try {
      api.suspend();
      api.resume();
      api.client()
          .pods()
          .inNamespace("shop")
          .withName("web-1")
          .edit(
              p ->
                  new PodBuilder(p)
                      .editMetadata()
                      .addToLabels("phase", "after")
                      .endMetadata()
                      .build());
      assertEquals("web-1=after", labels.poll(60, TimeUnit.SECONDS));
    } finally {
      informer.close();
    }
  }

  @Test
  void resumeFailsWithOneLineWhenThePortWasTaken() throws Exception {
    api.suspend();
    try (ServerSocket squatter =
        new ServerSocket(api.port(), 1, java.net.InetAddress.getLoopbackAddress())) {
      IllegalStateException e = assertThrows(IllegalStateException.class, api::resume);
      assertTrue(
          e.getMessage().startsWith("cannot start the API server on port " + api.port()),
          e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
    api.resume();
    assertTrue(api.isServing());
  }

  private Pod pod(String name) {
    return api.client().pods().inNamespace("shop").withName(name).get();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(api.url()).resolve(path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
