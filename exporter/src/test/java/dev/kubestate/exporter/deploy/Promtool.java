package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Prometheus' {@code promtool} (Debian package {@code prometheus}, which {@code .ci/run} installs):
 * a test using it is skipped, with that reason, where it is not on {@code PATH}.
 */
final class Promtool {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final ExternalTool tool;

  private Promtool(ExternalTool tool) {
    this.tool = tool;
  }

  /** promtool, or a skipped test when it is absent. */
  static Promtool required() {
    Optional<ExternalTool> tool = ExternalTool.onPath("promtool");
    assumeTrue(
        tool.isPresent(),
        "promtool is not on PATH (Debian package prometheus; .ci/run installs it): skipped");
    return new Promtool(tool.get());
  }

  /** Runs promtool with {@code args} in {@code dir}. */
  ExternalTool.Run run(Path dir, String... args) throws IOException, InterruptedException {
    return tool.run(dir, TIMEOUT, args);
  }

  /** Asserts that {@code promtool check rules file} succeeds. */
  void checkRules(Path file) throws IOException, InterruptedException {
    ExternalTool.Run run = run(file.getParent(), "check", "rules", file.toString());
    assertTrue(run.succeeded(), "promtool check rules " + file + ":\n" + run.output());
  }
}
