package dev.kubestate.exporter.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import dev.kubestate.apiserver.EmbeddedApiServer;
import dev.kubestate.exporter.deploy.ContainerSettings;
import dev.kubestate.exporter.deploy.RenderedManifests;
import dev.kubestate.exporter.testing.TestStatefulSets;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The image, run exactly as deploy/statefulset runs it (security context, writable mounts, env and
 * args from the rendered StatefulSet, not a copy), against the test API server: it syncs, serves
 * the seeded objects on {@code /metrics} and answers its probes. It needs no writable path at all;
 * without its Vert.x flag and without the manifest's {@code /tmp} it dies at start as issue 06
 * reported. Skipped without a Docker engine, or when the engine does not hold the image ({@code
 * .ci/run} builds it; the skip message says how).
 */
@Testcontainers(disabledWithoutDocker = true)
class RestrictedContainerIT {

  private static final String NAMESPACE = "kube-state-exporter";
  private static final String POD = RenderedManifests.NAME + "-0";
  private static final Map<String, String> FIELDS =
      Map.of("metadata.name", POD, "metadata.namespace", NAMESPACE);

  /** The flag by which the image needs no writable path (exporter/pom.xml, jvmFlags). */
  private static final String VERTX_FLAG = "-Dvertx.disableFileCPResolving=true";

  /** What issue 06 saw: Vert.x cannot create its file cache under a read-only root. */
  private static final String OLD_FAILURE = "Unable to create folder at path '/tmp/vertx-cache'";

  /** Start-up on a loaded 2-core machine, JVM included. */
  private static final Duration START = Duration.ofSeconds(90);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static DockerClient docker;
  private static String imageName;
  private static InspectImageResponse image;
  private static ContainerSettings settings;
  private static EmbeddedApiServer api;

  @BeforeAll
  static void start() throws Exception {
    docker = DockerClientFactory.instance().client();
    imageName = Images.underTest();
    image = Images.inspect(docker, imageName);
    settings = RenderedManifests.base().exporterContainer();
    api = EmbeddedApiServer.start(0);
    seed(api.client());
  }

  @AfterAll
  static void stop() {
    if (api != null) {
      api.close();
    }
  }

  /** The exporter's own StatefulSet and pod (it shards by them), and a few objects to export. */
  private static void seed(KubernetesClient client) {
    for (String ns : List.of(NAMESPACE, "alpha")) {
      client
          .resource(
              new NamespaceBuilder()
                  .withNewMetadata()
                  .withName(ns)
                  .endMetadata()
                  .withNewStatus()
                  .withPhase("Active")
                  .endStatus()
                  .build())
          .create();
    }
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("settings")
                .withNamespace("alpha")
                .endMetadata()
                .addToData("k", "v")
                .build())
        .create();
    TestStatefulSets.create(client, NAMESPACE, RenderedManifests.NAME, 1, 1);
  }

  @Test
  void runsAsTheStatefulSetRunsIt() {
    try (PodContainer c = run(true, null)) {
      servesTheSeededObjects(c);
      assertEquals(200, await(c, settings.ports().get("telemetry"), "/readyz", b -> true).code);
    }
  }

  @Test
  void needsNoWritablePath() {
    assertTrue(imageEntrypoint().contains(VERTX_FLAG), "" + imageEntrypoint());
    try (PodContainer c = run(false, null)) {
      servesTheSeededObjects(c);
    }
  }

  /**
   * Issue 06 reported the jar exiting under a read-only root without a writable {@code /tmp}
   * ({@code Unable to create folder at path '/tmp/vertx-cache'}); the exporter now turns Vert.x's
   * file cache off itself, so even without the image's flag it needs no writable path.
   */
  @Test
  void withoutItsVertxFlagAndWithoutTmpItStillServes() {
    List<String> entrypoint = new ArrayList<>(imageEntrypoint());
    assertTrue(entrypoint.remove(VERTX_FLAG), "" + entrypoint);
    try (PodContainer c = run(false, entrypoint)) {
      servesTheSeededObjects(c);
      assertFalse(c.logs().contains(OLD_FAILURE), c.logs());
    }
  }

  @Test
  void withoutItsVertxFlagTheManifestsTmpSuffices() {
    List<String> entrypoint = new ArrayList<>(imageEntrypoint());
    entrypoint.remove(VERTX_FLAG);
    try (PodContainer c = run(true, entrypoint)) {
      servesTheSeededObjects(c);
    }
  }

  private static PodContainer run(boolean writable, List<String> entrypoint) {
    for (int port : settings.ports().values()) {
      assertPortFree(port);
    }
    return PodContainer.start(
        docker, imageName, settings, FIELDS, List.of("--apiserver=" + api.url()), writable, entrypoint);
  }

  private static void servesTheSeededObjects(PodContainer c) {
    int metrics = settings.ports().get("http-metrics");
    Reply health = await(c, metrics, "/healthz", b -> true);
    assertEquals(200, health.code, health.body);
    // KSM's lines for the seeded objects (reference/ksm-metrics.tsv); the informers sync one by
    // one, so wait for all of them.
    List<String> expected =
        List.of(
            "kube_configmap_info{namespace=\"alpha\",configmap=\"settings\"} 1\n",
            "kube_namespace_status_phase{namespace=\"alpha\",phase=\"Active\"} 1\n",
            "kube_statefulset_replicas{namespace=\""
                + NAMESPACE
                + "\",statefulset=\""
                + RenderedManifests.NAME
                + "\"} 1\n");
    await(c, metrics, "/metrics", b -> expected.stream().allMatch(b::contains));
    String logs = c.logs();
    assertFalse(logs.contains("Exception"), logs);
  }

  private static List<String> imageEntrypoint() {
    return List.of(image.getConfig().getEntrypoint());
  }

  /** A response: status and body. */
  private record Reply(int code, String body) {}

  /**
   * Polls {@code path} on {@code port} until it answers 200 with a body {@code done} accepts.
   *
   * @throws AssertionError with the container's output when it exits or {@link #START} passes
   */
  private static Reply await(
      PodContainer c, int port, String path, java.util.function.Predicate<String> done) {
    long end = System.nanoTime() + START.toNanos();
    Reply last = null;
    while (System.nanoTime() < end) {
      last = get(port, path);
      if (last != null && last.code == 200 && done.test(last.body)) {
        return last;
      }
      if (!c.running()) {
        fail("the container exited; " + path + " answered " + last + "; output:\n" + c.logs());
      }
      sleep(Duration.ofMillis(250));
    }
    return fail("timed out waiting for " + path + "; last " + last + "; output:\n" + c.logs());
  }

  /** The response, or null when nothing listens yet. */
  private static Reply get(int port, String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10))
            .build();
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Host networking: the manifest's ports are the host's, so they must be free. */
  private static void assertPortFree(int port) {
    try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
    } catch (IOException e) {
      fail("port " + port + " is in use on this host; the container (host network) needs it");
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
