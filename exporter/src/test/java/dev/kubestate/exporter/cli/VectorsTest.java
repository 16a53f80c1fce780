package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import dev.kubestate.exporter.testing.ExpositionLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * KSM's own test expectations ({@code golden/<resource>/*.yaml}, copied from reference/ksm-vectors;
 * format in {@code golden/FORMAT.md}), and our cases of behaviour they do not pin ({@code
 * behaviour/<resource>/*.yaml}, same format), run through {@code render} in this JVM, compared as
 * {@code ../shared/tools/run-vectors} compares: only the listed families, samples as a multiset
 * with label order free and values as text, and for every family with samples the HELP and TYPE
 * lines KSM writes.
 */
class VectorsTest {

  static Stream<Arguments> vectors() throws IOException, URISyntaxException {
    return cases("golden");
  }

  static Stream<Arguments> behaviour() throws IOException, URISyntaxException {
    return cases("behaviour");
  }

  /** Every {@code <root>/<resource>/*.yaml} on the test classpath, named by resource and file. */
  private static Stream<Arguments> cases(String root) throws IOException, URISyntaxException {
    URL url = VectorsTest.class.getResource("/" + root);
    assertNotNull(url, root + "/ on the test classpath");
    List<Arguments> out = new ArrayList<>();
    try (Stream<Path> resources = Files.list(Path.of(url.toURI()))) {
      for (Path dir : resources.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> files = Files.list(dir)) {
          for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
            out.add(Arguments.of(Named.of(dir.getFileName() + "/" + f.getFileName(), f)));
          }
        }
      }
    }
    return out.stream();
  }

  /**
   * Our own cases in the same format ({@code behaviour/<resource>/*.yaml}): behaviour KSM's
   * vectors do not pin, with expected lines written from the fact each case's {@code source}
   * names (a section of reference/ksm-behaviour.md or a value column of reference/ksm-metrics.tsv).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("behaviour")
  void rendersAsKsmDescribes(Path caseFile, @TempDir Path tmp) throws IOException {
    rendersAsKsm(caseFile, tmp);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void rendersAsKsm(Path vectorFile, @TempDir Path tmp) throws IOException {
    Map<?, ?> vector =
        (Map<?, ?>)
            new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(vectorFile, StandardCharsets.UTF_8));
    Set<String> families = new LinkedHashSet<>();
    for (Object f : (List<?>) vector.get("families")) {
      families.add((String) f);
    }
    Path objects = tmp.resolve("objects.yaml");
    Files.writeString(
        objects,
        new Dump(DumpSettings.builder().build())
            .dumpAllToString(((List<?>) vector.get("objects")).iterator()),
        StandardCharsets.UTF_8);
    List<String> args = new ArrayList<>();
    args.add("render");
    if (vector.get("flags") != null) {
      for (Object flag : (List<?>) vector.get("flags")) {
        args.add((String) flag);
      }
    }
    args.add(objects.toString());
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    StringWriter stderr = new StringWriter();
    int exit =
        Main.execute(
            args.toArray(String[]::new),
            new PrintWriter(new StringWriter()),
            new PrintWriter(stderr, true),
            stdout);
    List<String> problems = new ArrayList<>();
    if (exit != 0) {
      problems.add("exit status " + exit);
    }
    problems.addAll(
        compare(
            ExpositionLines.of((String) vector.get("expected"), families),
            ExpositionLines.of(stdout.toString(StandardCharsets.UTF_8), families)));
    if (!problems.isEmpty()) {
      if (!stderr.toString().isBlank()) {
        problems.add("stderr:     " + stderr.toString().strip());
      }
      fail(
          vectorFile.getParent().getFileName()
              + "/"
              + vectorFile.getFileName()
              + " ("
              + vector.get("source")
              + "): "
              + vector.get("description")
              + "\n  "
              + String.join("\n  ", problems));
    }
  }

  /** The differences {@code run-vectors} reports, one line each. */
  static List<String> compare(ExpositionLines want, ExpositionLines got) {
    List<String> problems = new ArrayList<>();
    for (String bad : got.unparseable) {
      problems.add("unparseable: " + bad);
    }
    multisetDifference(want.samples, got.samples, "missing:    ", problems);
    multisetDifference(got.samples, want.samples, "unexpected: ", problems);
    got.headers.forEach(
        (key, line) -> {
          String expected = want.headers.get(key);
          if (expected != null && !expected.equals(line)) {
            problems.add("header:     got " + line + "\n              want " + expected);
          }
        });
    for (String family : got.familiesWithSamples) {
      for (String kind : List.of("HELP", "TYPE")) {
        String key = kind + " " + family;
        if (!got.headers.containsKey(key) && want.headers.containsKey(key)) {
          problems.add("no header:  # " + key);
        }
      }
    }
    return problems;
  }

  private static void multisetDifference(
      Map<String, Integer> a, Map<String, Integer> b, String prefix, List<String> out) {
    a.forEach(
        (sample, count) -> {
          int extra = count - b.getOrDefault(sample, 0);
          for (int i = 0; i < extra; i++) {
            out.add(prefix + sample);
          }
        });
  }
}
