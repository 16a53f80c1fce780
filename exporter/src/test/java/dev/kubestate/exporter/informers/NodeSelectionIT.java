package dev.kubestate.exporter.informers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.process.ClusterWatch;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.process.ExporterConfig;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-node pod selection (reference/ksm-behaviour.md sections 7 and 8.3) against a CRUD test API
 * server that ignores {@code spec.nodeName} selectors ({@link NodeBlindDispatcher}): the pods LIST
 * and WATCH carry the node term, AND-ed with the namespace denylist, other kinds do not, and pods
 * of other nodes that the server sends anyway are never exported.
 */
class NodeSelectionIT {

  private static KubernetesMockServer server;
  private static KubernetesClient client;

  @BeforeAll
  static void startServer() {
    server =
        new KubernetesMockServer(
            new Context(Serialization.jsonMapper()),
            new MockWebServer(),
            new HashMap<>(),
            new NodeBlindDispatcher(new KubernetesMixedDispatcher(new HashMap<>())),
            false);
    server.init();
    client = server.createClient();
  }

  @AfterAll
  static void stopServer() {
    CrudApiServer.stop(client, server);
  }

  @BeforeEach
  void forgetEarlierRequests() throws InterruptedException {
    while (server.takeRequest(10, TimeUnit.MILLISECONDS) != null) {
      // drained
    }
  }

  @AfterEach
  void deletePods() {
    client.pods().inAnyNamespace().delete();
  }

  private static ExporterConfig config(
      String resources, List<String> denylist, NodeScope scope) {
    ExporterConfig base = TestExporters.config(client.getConfiguration(), resources);
    return TestExporters.watching(
        base,
        new ClusterWatch(base.cluster().kubernetes(), List.of(), denylist, scope, false));
  }

  /** Paths (raw, as sent) of the requests an exporter made until it synced and stopped. */
  private static List<String> requestsOf(ExporterConfig config) throws Exception {
    List<String> paths = new ArrayList<>();
    try (Exporter exporter = Exporter.start(config, TestExporters.strictEventLoop())) {
      Await.until("sync", exporter::isSynced, s -> s);
      Await.until(
          "pods watch", () -> drain(paths), p -> p.stream().anyMatch(NodeSelectionIT::isWatch));
    }
    drain(paths);
    return paths;
  }

  private static List<String> drain(List<String> into) {
    try {
      for (RecordedRequest r; (r = server.takeRequest(10, TimeUnit.MILLISECONDS)) != null; ) {
        if (r.getMethod().equals("GET")) {
          into.add(r.getPath());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return into;
  }

  private static boolean isWatch(String path) {
    return path.startsWith("/api/v1/pods?") && path.contains("watch=true");
  }

  private static boolean isList(String path) {
    return path.startsWith("/api/v1/pods?") && !path.contains("watch=");
  }

  /** The terms of a path's field selector, decoded; empty when it has none. */
  private static Set<String> selectorTerms(String path) {
    for (String param : path.substring(path.indexOf('?') + 1).split("&")) {
      if (param.startsWith("fieldSelector=")) {
        String decoded =
            URLDecoder.decode(param.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
        return Set.of(decoded.split(",", -1));
      }
    }
    return Set.of();
  }

  private static String podsRequest(List<String> paths, boolean watch) {
    return paths.stream()
        .filter(p -> watch ? isWatch(p) : isList(p))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no pods " + (watch ? "WATCH" : "LIST") + paths));
  }

  @Test
  void podsListAndWatchCarryTheNodeTermAndedWithTheDenylist() throws Exception {
    List<String> paths =
        requestsOf(
            config(
                "--resources=namespaces,pods", List.of("kube-system"), NodeScope.node("node-1")));
    for (boolean watch : new boolean[] {false, true}) {
      String pods = podsRequest(paths, watch);
      assertTrue(pods.contains("fieldSelector=spec.nodeName%3Dnode-1"), pods);
      assertEquals(
          Set.of("metadata.namespace!=kube-system", "spec.nodeName=node-1"),
          selectorTerms(pods),
          pods);
    }
    List<String> namespaces =
        paths.stream().filter(p -> p.startsWith("/api/v1/namespaces?")).toList();
    assertFalse(namespaces.isEmpty(), paths.toString());
    for (String p : namespaces) {
      assertFalse(p.contains("nodeName"), p);
    }
  }

  @Test
  void unscheduledPodsAreSelectedByAnEmptyNodeName() throws Exception {
    List<String> paths = requestsOf(config("--resources=pods", List.of(), NodeScope.unscheduled()));
    for (boolean watch : new boolean[] {false, true}) {
      String pods = podsRequest(paths, watch);
      assertTrue(pods.matches(".*[?&]fieldSelector=spec\\.nodeName%3D(&.*)?$"), pods);
      assertEquals(Set.of("spec.nodeName="), selectorTerms(pods), pods);
    }
  }

  private static Pod pod(String name, String node) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .endSpec()
        .build();
  }

  /** The value of the pods' node-drop counter in a telemetry body; -1 when absent. */
  private static double droppedByNode(String telemetry) {
    String prefix = "kube_state_exporter_node_dropped_total{resource=\"pods\"} ";
    for (String line : Endpoints.lines(telemetry)) {
      if (line.startsWith(prefix)) {
        return Double.parseDouble(line.substring(prefix.length()));
      }
    }
    return -1;
  }

  private static String info(String pod) {
    return "kube_pod_info{namespace=\"default\",pod=\"" + pod + "\",";
  }

  @Test
  void podsOfOtherNodesAreNotExportedWhenTheServerIgnoresTheSelector() throws Exception {
    client.resource(pod("listed-mine", "node-1")).create();
    client.resource(pod("listed-other", "node-2")).create();
    client.resource(pod("listed-unscheduled", null)).create();
    ExporterConfig config = config("--resources=pods", List.of(), NodeScope.node("node-1"));
    try (Exporter exporter = Exporter.start(config, TestExporters.strictEventLoop())) {
      Await.until("sync", exporter::isSynced, s -> s);
      String listed = Endpoints.metrics(exporter, "");
      assertTrue(listed.contains(info("listed-mine")), listed);
      assertFalse(listed.contains(info("listed-other")), listed);
      assertFalse(listed.contains(info("listed-unscheduled")), listed);

      // The watch delivers events in order: once the later pod of node-1 is exported, the pod
      // of node-2 created before it has been seen and dropped.
      client.resource(pod("watched-other", "node-2")).create();
      client.resource(pod("watched-mine", "node-1")).create();
      String watched =
          Await.until(
              "watched-mine exported",
              () -> Endpoints.metrics(exporter, ""),
              b -> b.contains(info("watched-mine")));
      assertFalse(watched.contains(info("watched-other")), watched);
      assertFalse(watched.contains(info("listed-other")), watched);

      String telemetry = Endpoints.get(exporter.telemetryPort(), "/metrics").body();
      assertTrue(droppedByNode(telemetry) >= 3, telemetry);
    }
  }
}
