package dev.kubestate.exporter.deploy;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Builds a kustomization as a platform team would: with {@code kubectl kustomize} when {@code
 * kubectl} is on {@code PATH}, otherwise with {@link KustomizationReader}, which supports exactly
 * the fields deploy/ uses ({@code KustomizationReaderTest} checks both agree where both run).
 */
final class KustomizationBuild {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private KustomizationBuild() {}

  /** The objects {@code dir}'s kustomization builds, as Jackson trees. */
  static List<JsonNode> build(Path dir) throws IOException, InterruptedException {
    Optional<ExternalTool> kubectl = kubectl();
    return kubectl.isPresent() ? withKubectl(kubectl.get(), dir) : KustomizationReader.build(dir);
  }

  static Optional<ExternalTool> kubectl() {
    return ExternalTool.onPath("kubectl");
  }

  /**
   * The output of {@code kubectl kustomize dir}.
   *
   * @throws IllegalStateException with kubectl's output when it fails
   */
  static List<JsonNode> withKubectl(ExternalTool kubectl, Path dir)
      throws IOException, InterruptedException {
    ExternalTool.Run run =
        kubectl.run(dir, TIMEOUT, "kustomize", dir.toAbsolutePath().normalize().toString());
    if (!run.succeeded()) {
      throw new IllegalStateException("kubectl kustomize " + dir + " failed: " + run.output());
    }
    return YamlDocuments.parse(run.output());
  }
}
