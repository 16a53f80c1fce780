package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The KSM facts the tests check against live in this module's test resources, so a fresh clone
 * runs every compatibility test: {@code reference/} (the family, flag and behaviour tables) and
 * {@code golden/<resource>/} (KSM's vectors). Where the team's shared {@code reference/} folder is
 * found above the working directory, the copies must equal it byte for byte, and every vector of
 * a registered kind must be copied.
 */
class ReferenceCopiesTest {

  private static final List<String> TABLES =
      List.of(
          "ksm-metrics.tsv",
          "ksm-flags.tsv",
          "ksm-behaviour.md",
          "kube-prometheus-rules.yaml",
          "kube-prometheus-usage.tsv");

  @Test
  void tablesEqualTheSharedReference() throws IOException, URISyntaxException {
    Path shared = sharedReference();
    for (String table : TABLES) {
      assertEquals(
          Files.readString(shared.resolve(table)),
          Files.readString(testResource("reference").resolve(table)),
          "reference/" + table + " differs from the shared copy");
    }
  }

  @Test
  void vectorsOfEveryRegisteredKindEqualTheSharedVectors()
      throws IOException, URISyntaxException {
    Path vectors = sharedReference().resolve("ksm-vectors");
    Path golden = testResource("golden");
    List<String> problems = new ArrayList<>();
    for (String resource : Kinds.all().keySet()) {
      for (Path want : list(vectors.resolve(resource))) {
        Path got = golden.resolve(resource).resolve(want.getFileName().toString());
        if (!Files.exists(got) || !Files.readString(got).equals(Files.readString(want))) {
          problems.add("golden/" + resource + "/" + want.getFileName() + " missing or differs");
        }
      }
    }
    try (Stream<Path> dirs = Files.list(golden)) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        for (Path got : list(dir)) {
          Path want = vectors.resolve(dir.getFileName().toString()).resolve(got.getFileName());
          if (!Files.exists(want)) {
            problems.add("golden/" + dir.getFileName() + "/" + got.getFileName() + " is no KSM vector");
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  private static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  private static Path testResource(String name) throws URISyntaxException {
    return Path.of(ReferenceCopiesTest.class.getResource("/" + name).toURI());
  }

  /** {@code shared/reference} in the working directory or a parent; skips the test without it. */
  private static Path sharedReference() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("reference");
      if (Files.isRegularFile(candidate.resolve("ksm-metrics.tsv"))) {
        return candidate;
      }
    }
    assumeTrue(false, "no shared/reference folder above " + Path.of("").toAbsolutePath());
    return null;
  }
}
