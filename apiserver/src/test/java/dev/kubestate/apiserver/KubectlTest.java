package dev.kubestate.apiserver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's {@code kubectl} against the server with the kubeconfig it writes: get with resource
 * names and short names, scale through the scale subresource, api-resources. Skipped where kubectl
 * is not installed ({@code .ci/run} installs it).
 */
class KubectlTest {

  @TempDir Path dir;

  private EmbeddedApiServer api;
  private Kubectl kubectl;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(Kubectl.present(), "needs Debian's kubectl at " + Kubectl.BINARY);
    api = EmbeddedApiServer.start(0);
    api.seed(DemoObjects.some());
    kubectl = new Kubectl(dir, api.kubeconfig("demo"));
  }

  @AfterEach
  void stop() {
    if (api != null) {
      api.close();
    }
  }

  @Test
  void getsPodsOfAllNamespaces() throws Exception {
    Kubectl.Result r = ok(kubectl.run("get", "pods", "-A"));
    assertTrue(r.out().startsWith("NAMESPACE"), r.out());
    assertTrue(r.out().contains("shop        web-0"), r.out());
    assertTrue(r.out().contains("shop        web-1"), r.out());
  }

  @Test
  void getsByShortNameAndNamespace() throws Exception {
    assertTrue(ok(kubectl.run("get", "sts", "-n", "shop")).out().contains("web"));
    assertTrue(ok(kubectl.run("get", "po", "web-0", "-n", "shop")).out().contains("web-0"));
    assertTrue(ok(kubectl.run("get", "no")).out().contains("node-1"));
    assertTrue(ok(kubectl.run("get", "ns")).out().contains("shop"));
  }

  @Test
  void scalesAStatefulSetThroughTheScaleSubresource() throws Exception {
    Kubectl.Result r =
        ok(kubectl.run("scale", "statefulset", "web", "-n", "shop", "--replicas", "4"));
    assertTrue(r.out().contains("statefulset.apps/web scaled"), r.out());
    StatefulSet set = api.client().apps().statefulSets().inNamespace("shop").withName("web").get();
    assertEquals(4, set.getSpec().getReplicas());
    ok(kubectl.run("scale", "sts", "web", "-n", "shop", "--current-replicas=4", "--replicas=1"));
    set = api.client().apps().statefulSets().inNamespace("shop").withName("web").get();
    assertEquals(1, set.getSpec().getReplicas());
  }

  @Test
  void listsApiResourcesWithShortNames() throws Exception {
    String out = ok(kubectl.run("api-resources")).out();
    assertTrue(
        out.lines()
            .anyMatch(l -> l.matches("statefulsets\\s+sts\\s+apps/v1\\s+true\\s+StatefulSet")),
        out);
    assertTrue(out.lines().anyMatch(l -> l.matches("pods\\s+po\\s+v1\\s+true\\s+Pod")), out);
  }

  @Test
  void refusesAProtobufBodyAtOnceAndAppliesJson() throws Exception {
    Kubectl.Result r = kubectl.run("create", "configmap", "c", "-n", "shop", "--from-literal=a=b");
    assertEquals(1, r.exitCode(), r.out());
    assertTrue(r.err().contains("reads JSON bodies only"), r.err());
    // Discovery lists the kinds the server holds or was told to serve.
    api.serve(java.util.List.of(io.fabric8.kubernetes.api.model.ConfigMap.class));
    Path manifest =
        java.nio.file.Files.writeString(
            dir.resolve("cm.yaml"),
            "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: shop\n");
    ok(kubectl.run("apply", "--validate=false", "-f", manifest.toString()));
    assertEquals(1, api.client().configMaps().inNamespace("shop").list().getItems().size());
  }

  @Test
  void labelsAnnotatesAndPatchesAPod() throws Exception {
    ok(kubectl.run("label", "pod", "web-0", "-n", "shop", "tier=front"));
    ok(kubectl.run("annotate", "pod", "web-0", "-n", "shop", "note=poked"));
    ok(
        kubectl.run(
            "patch",
            "pod",
            "web-0",
            "-n",
            "shop",
            "-p",
            "{\"metadata\":{\"labels\":{\"x\":\"y\"}}}"));
    io.fabric8.kubernetes.api.model.ObjectMeta meta =
        api.client().pods().inNamespace("shop").withName("web-0").get().getMetadata();
    assertEquals("front", meta.getLabels().get("tier"));
    assertEquals("y", meta.getLabels().get("x"));
    assertEquals("web", meta.getLabels().get("app"));
    assertEquals("poked", meta.getAnnotations().get("note"));
  }

  @Test
  void describesAPod() throws Exception {
    String out = ok(kubectl.run("describe", "pod", "web-0", "-n", "shop")).out();
    assertTrue(out.lines().anyMatch(l -> l.matches("Name:\\s+web-0")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("Status:\\s+Running")), out);
  }

  @Test
  void deletesAPodAndWaitsForItToGo() throws Exception {
    ok(kubectl.run("delete", "pod", "web-1", "-n", "shop", "--timeout=30s"));
    assertEquals(null, api.client().pods().inNamespace("shop").withName("web-1").get());
  }

  private static Kubectl.Result ok(Kubectl.Result r) {
    assertEquals(0, r.exitCode(), "kubectl failed: " + r.err() + r.out());
    return r;
  }
}
