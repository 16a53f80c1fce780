package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The kustomizations of deploy/ use only what {@link KustomizationReader} supports, and the reader
 * builds them as {@code kubectl kustomize} does, so the manifest tests check the same objects with
 * or without kubectl.
 */
class KustomizationReaderTest {

  private static final List<Path> BUILT =
      List.of(
          RenderedManifests.BASE,
          RenderedManifests.MONITORING,
          RenderedManifests.MONITORING_NETWORK_POLICY);

  @Test
  void everyKustomizationUsesOnlySupportedFields() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(RenderedManifests.DEPLOY)) {
      files = walk.filter(p -> p.getFileName().toString().startsWith("kustomization")).toList();
    }
    // The base, the three components and the three overlays.
    assertEquals(7, files.size(), "" + files);
    for (Path file : files) {
      assertEquals(List.of(), KustomizationReader.unsupportedFields(file), file.toString());
    }
  }

  @Test
  void tlsOverlayTurnsOnTheWebConfigAuthFilterHttpsProbesAndReviewRights() throws IOException {
    List<JsonNode> objects =
        KustomizationReader.build(RenderedManifests.DEPLOY.resolve("overlays/tls"));
    JsonNode container = null;
    boolean reviews = false;
    for (JsonNode o : objects) {
      if (o.path("kind").asString().equals("StatefulSet")) {
        container = o.path("spec").path("template").path("spec").path("containers").get(0);
        JsonNode volumes = o.path("spec").path("template").path("spec").path("volumes");
        assertEquals("[tmp, web-config]", names(volumes).toString(), "the base's /tmp stays");
        assertEquals(
            "kube-state-exporter-web-config",
            volumes.get(1).path("secret").path("secretName").asString());
      }
      if (o.path("kind").asString().equals("ClusterRole")) {
        reviews |= o.toString().contains("tokenreviews")
            && o.toString().contains("subjectaccessreviews");
      }
    }
    assertTrue(container != null, "a StatefulSet");
    String args = container.path("args").toString();
    assertTrue(args.contains("--tls-config=/etc/kube-state-exporter/web/web-config.yml"), args);
    assertTrue(args.contains("--auth-filter"), args);
    assertEquals("[tmp, web-config]", names(container.path("volumeMounts")).toString());
    assertEquals("/etc/kube-state-exporter/web",
        container.path("volumeMounts").get(1).path("mountPath").asString());
    assertEquals("HTTPS", container.path("livenessProbe").path("httpGet").path("scheme").asString());
    assertEquals("HTTPS",
        container.path("readinessProbe").path("httpGet").path("scheme").asString());
    assertTrue(reviews, "create on tokenreviews and subjectaccessreviews");
  }

  @Test
  void rejectsAKustomizationWithAnUnsupportedField() throws URISyntaxException {
    Path dir = Path.of(getClass().getResource("/deploy/kustomize/unsupported").toURI());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KustomizationReader.build(dir));
    assertTrue(e.getMessage().contains("[labels]"), e.getMessage());
    assertTrue(e.getMessage().contains("kustomization.yaml"), e.getMessage());
  }

  @Test
  void setsTheNamespaceOnNamespacedObjectsOnly() throws IOException {
    for (JsonNode object : KustomizationReader.build(RenderedManifests.MONITORING_NETWORK_POLICY)) {
      String kind = object.path("kind").asString();
      JsonNode namespace = object.path("metadata").path("namespace");
      if (List.of("Namespace", "ClusterRole", "ClusterRoleBinding").contains(kind)) {
        assertTrue(namespace.isMissingNode(), kind + " got a namespace");
      } else {
        assertEquals("kube-state-exporter", namespace.asString(), kind);
      }
    }
  }

  @Test
  void buildsWhatKubectlKustomizeBuilds() throws IOException, InterruptedException {
    Optional<ExternalTool> kubectl = KustomizationBuild.kubectl();
    assumeTrue(kubectl.isPresent(), "kubectl is not on PATH: nothing to compare with, skipped");
    for (Path dir : BUILT) {
      Map<String, JsonNode> expected =
          byIdentity(KustomizationBuild.withKubectl(kubectl.get(), dir));
      assertFalse(expected.isEmpty(), dir.toString());
      assertEquals(expected, byIdentity(KustomizationReader.build(dir)), dir.toString());
    }
  }

  private static List<String> names(JsonNode items) {
    List<String> out = new ArrayList<>();
    items.forEach(item -> out.add(item.path("name").asString()));
    return out;
  }

  /** The objects by kind, namespace and name; Jackson's object equality ignores field order. */
  private static Map<String, JsonNode> byIdentity(List<JsonNode> objects) {
    Map<String, JsonNode> out = new TreeMap<>();
    for (JsonNode o : objects) {
      JsonNode meta = o.path("metadata");
      String key =
          o.path("kind").asString()
              + " "
              + meta.path("namespace").asString("")
              + "/"
              + meta.path("name").asString();
      assertEquals(null, out.put(key, o), "two objects " + key);
    }
    return out;
  }
}
