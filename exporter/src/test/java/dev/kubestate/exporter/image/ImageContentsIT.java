package dev.kubestate.exporter.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.ExposedPort;
import dev.kubestate.exporter.deploy.RenderedManifests;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * What the image holds and declares: the exporter's jar and its runtime dependencies only (not the
 * demo, the test API server or a test library), its version, the user and ports the StatefulSet
 * uses, and the OCI labels. Skipped without a Docker engine holding the image.
 */
@Testcontainers(disabledWithoutDocker = true)
class ImageContentsIT {

  /** Jars and classes that belong to tests or to the demo, never to the product. */
  private static final List<String> FOREIGN =
      List.of(
          "apiserver",
          "demo",
          "kubernetes-server-mock",
          "mockwebserver",
          "junit",
          "testcontainers",
          "docker-java",
          "jmh");

  private static DockerClient docker;
  private static String imageName;
  private static InspectImageResponse image;

  @BeforeAll
  static void inspect() {
    docker = DockerClientFactory.instance().client();
    imageName = Images.underTest();
    image = Images.inspect(docker, imageName);
  }

  @Test
  void holdsTheExporterAndItsRuntimeDependenciesOnly() throws IOException {
    String version = Images.projectVersion();
    Set<String> files = appFiles();
    assertTrue(files.contains("app/classpath/exporter-" + version + ".jar"), "" + files);
    assertTrue(files.contains("app/libs/sharding-" + version + ".jar"), "" + files);
    assertTrue(files.stream().anyMatch(f -> f.matches("app/libs/kubernetes-client-[0-9.]+\\.jar")));
    List<String> foreign = new ArrayList<>();
    for (String f : files) {
      for (String word : FOREIGN) {
        if (f.toLowerCase(java.util.Locale.ROOT).contains(word)) {
          foreign.add(f);
        }
      }
    }
    assertEquals(List.of(), foreign, "not part of the product");
    List<String> entrypoint = List.of(image.getConfig().getEntrypoint());
    assertEquals("dev.kubestate.exporter.cli.Main", entrypoint.get(entrypoint.size() - 1));
  }

  @Test
  void reportsTheProjectVersion() {
    String version = Images.projectVersion();
    String id = docker.createContainerCmd(imageName).withCmd("--version").exec().getId();
    try {
      docker.startContainerCmd(id).exec();
      int code = docker.waitContainerCmd(id).start().awaitStatusCode(60, TimeUnit.SECONDS);
      String out = PodContainer.logs(docker, id);
      assertEquals(0, code, out);
      assertTrue(out.contains("kube-state-exporter " + version + "\n"), out);
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
  }

  @Test
  void runsAsTheStatefulSetsUserOnItsPorts() throws Exception {
    var settings = RenderedManifests.base().exporterContainer();
    assertEquals(settings.runAsUser() + ":" + settings.runAsGroup(), image.getConfig().getUser());
    Set<Integer> exposed = new TreeSet<>();
    for (ExposedPort p : image.getConfig().getExposedPorts()) {
      exposed.add(p.getPort());
    }
    assertEquals(new TreeSet<>(settings.ports().values()), exposed);
  }

  @Test
  void defaultsToTheStatefulSetsJvmOptions() throws Exception {
    List<String> defaults =
        List.of(image.getConfig().getEnv()).stream()
            .filter(e -> e.startsWith("JAVA_TOOL_OPTIONS="))
            .flatMap(e -> Stream.of(e.substring(e.indexOf('=') + 1).split("\\s+")))
            .toList();
    assertTrue(
        defaults.stream().anyMatch(o -> o.startsWith("-XX:MaxRAMPercentage=")), "" + defaults);
    assertTrue(defaults.contains("-XX:+ExitOnOutOfMemoryError"), "" + defaults);
    // The sizing in the README is measured with the manifest's options: a pod run from the
    // image without them (docker run, another chart) gets the same heap share.
    String manifest = RenderedManifests.base().exporterContainer().env().get("JAVA_TOOL_OPTIONS");
    List<String> manifestOptions = List.of(manifest.trim().split("\\s+"));
    assertTrue(manifestOptions.containsAll(defaults), defaults + " not all in " + manifestOptions);
  }

  @Test
  void carriesTheOciLabels() {
    Map<String, String> labels = image.getConfig().getLabels();
    assertEquals(Images.projectVersion(), labels.get("org.opencontainers.image.version"));
    assertEquals("kube-state-exporter", labels.get("org.opencontainers.image.title"));
    assertTrue(labels.containsKey("org.opencontainers.image.source"), "" + labels);
    assertNotEquals("", labels.getOrDefault("org.opencontainers.image.revision", ""));
  }

  /** Every regular file under /app, as paths without the leading slash. */
  private static Set<String> appFiles() throws IOException {
    String id = docker.createContainerCmd(imageName).exec().getId();
    Set<String> out = new TreeSet<>();
    try (InputStream tar = docker.copyArchiveFromContainerCmd(id, "/app").exec();
        TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
      for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.isFile()) {
          out.add(e.getName());
        }
      }
    } finally {
      docker.removeContainerCmd(id).withForce(true).exec();
    }
    return out;
  }
}
