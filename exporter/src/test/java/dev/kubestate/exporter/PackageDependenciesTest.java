package dev.kubestate.exporter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Dependencies point one way (STYLE.md "Tree, packages, dependencies"): checked on the source
 * imports of each package.
 */
class PackageDependenciesTest {

  private static final Path ROOT = Path.of("src/main/java/dev/kubestate/exporter");

  private static final String[] RUNTIME = {
    "import io.vertx.", "import io.micrometer.", "import dev.kubestate.exporter.informers.",
    "import dev.kubestate.exporter.store.", "import dev.kubestate.exporter.server.",
    "import dev.kubestate.exporter.telemetry.", "import dev.kubestate.exporter.cli."
  };

  private static final Map<String, String[]> FORBIDDEN =
      Map.of(
          "exposition",
          concat(
              RUNTIME,
              "import io.fabric8.",
              "import dev.kubestate.exporter.metrics.",
              "import dev.kubestate.exporter.resources."),
          "metrics", concat(RUNTIME, "import dev.kubestate.exporter.resources."),
          "resources", RUNTIME,
          "store", concat(new String[0], "import io.vertx.", "import io.micrometer.",
              "import dev.kubestate.exporter.informers.", "import dev.kubestate.exporter.server.",
              "import dev.kubestate.exporter.telemetry.", "import dev.kubestate.exporter.cli."),
          "informers", new String[] {"import io.vertx.", "import io.micrometer.",
              "import dev.kubestate.exporter.server.", "import dev.kubestate.exporter.telemetry.",
              "import dev.kubestate.exporter.cli."},
          "server",
          new String[] {
            "import io.micrometer.",
            "import dev.kubestate.exporter.informers.",
            "import dev.kubestate.exporter.telemetry.",
            "import dev.kubestate.exporter.cli.",
            "import io.fabric8."
          });

  private static String[] concat(String[] a, String... b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void packagesImportOnlyWhatTheyMayDependOn() throws IOException {
    List<String> violations = new ArrayList<>();
    for (Map.Entry<String, String[]> e : FORBIDDEN.entrySet()) {
      Path dir = ROOT.resolve(e.getKey());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          for (String line : Files.readAllLines(f)) {
            for (String bad : e.getValue()) {
              if (line.startsWith(bad)) {
                violations.add(ROOT.relativize(f) + ": " + line);
              }
            }
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }
}
