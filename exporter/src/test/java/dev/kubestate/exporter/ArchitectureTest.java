package dev.kubestate.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of STYLE.md, read from the sources: dependencies point one way ({@code
 * exposition <- metrics <- resources}; {@code store <- informers}; servers read store and
 * exposition; {@code cli} wires), and no package is a grab bag.
 */
class ArchitectureTest {

  private static final Path SOURCES = Path.of("src/main/java/dev/kubestate/exporter");
  private static final String ROOT = "dev.kubestate.exporter.";

  /** Package -> import prefixes it must never use. */
  private static final Map<String, List<String>> FORBIDDEN =
      Map.of(
          "exposition",
          List.of(
              "io.fabric8", "io.vertx", "io.micrometer", ROOT + "metrics", ROOT + "resources",
              ROOT + "store", ROOT + "informers", ROOT + "server", ROOT + "telemetry",
              ROOT + "cli"),
          "metrics",
          List.of(
              "io.fabric8", "io.vertx", "io.micrometer", ROOT + "resources", ROOT + "store",
              ROOT + "informers", ROOT + "server", ROOT + "telemetry", ROOT + "cli"),
          "resources",
          List.of(
              "io.vertx", "io.micrometer", "io.fabric8.kubernetes.client", ROOT + "store",
              ROOT + "informers", ROOT + "server", ROOT + "telemetry", ROOT + "cli"),
          "store",
          List.of(
              "io.vertx", "io.micrometer", ROOT + "informers", ROOT + "server",
              ROOT + "telemetry", ROOT + "cli"),
          "informers",
          List.of(
              "io.vertx", "io.micrometer", ROOT + "server", ROOT + "telemetry", ROOT + "cli"),
          "server",
          List.of(
              "io.fabric8", "io.micrometer", ROOT + "informers", ROOT + "telemetry",
              ROOT + "cli"),
          "telemetry",
          List.of(ROOT + "cli"),
          "apiserver",
          List.of(
              "io.micrometer", ROOT + "metrics", ROOT + "resources", ROOT + "store",
              ROOT + "informers", ROOT + "server", ROOT + "telemetry", ROOT + "cli",
              ROOT + "demo"),
          "demo",
          List.of(
              "io.vertx", "io.micrometer", ROOT + "store", ROOT + "informers", ROOT + "server",
              ROOT + "telemetry", ROOT + "cli"));

  @Test
  void packagesImportOnlyDownstream() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, List<String>> rule : FORBIDDEN.entrySet()) {
      Path dir = SOURCES.resolve(rule.getKey());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.startsWith("import ")) {
              continue;
            }
            String imported = line.substring("import ".length()).replace("static ", "").trim();
            for (String prefix : rule.getValue()) {
              if (imported.startsWith(prefix)) {
                violations.add(SOURCES.relativize(file) + " imports " + imported);
              }
            }
          }
        }
      }
    }
    assertEquals(List.of(), violations, "package dependency rules (STYLE.md) broken");
  }

  @Test
  void noGrabBagPackagesOrClasses() throws IOException {
    List<String> bad = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files.forEach(
          p -> {
            String name = p.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
            if (name.matches("(utils?|helpers?|common|misc|base)(\\.java)?")
                || name.matches(".*(utils?|helpers?|manager)\\.java")) {
              bad.add(SOURCES.relativize(p).toString());
            }
          });
    }
    assertTrue(bad.isEmpty(), "grab-bag names (STYLE.md): " + bad);
  }
}
