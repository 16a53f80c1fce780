package dev.kubestate.exporter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.exposition.ExpositionBuffer;
import dev.kubestate.exporter.exposition.Format;
import dev.kubestate.exporter.metrics.Allowlists;
import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.exporter.resources.Kinds;
import dev.kubestate.exporter.testing.ExpositionLines;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Label values that try to break out of their quotes or line (quotes, backslashes, newlines, a
 * forged sample, unpaired surrogates, very long values) stay inside one line per sample, and
 * promtool parses the whole body in both formats.
 */
class HostileLabelValuesTest {

  private static final List<String> HOSTILE =
      List.of(
          "\"",
          "\\",
          "\\\"",
          "line\nbreak",
          "} 1\nfake_metric 1",
          "\"} 1\nfake_metric{a=\"b\"} 1\n",
          "trailing backslash\\",
          "cr\rtab\t",
          "lone \uD800 high",
          "lone \uDC00 low",
          "\uDE80\uD83D reversed",
          "# HELP fake fake",
          "x".repeat(100_000) + "\n" + "y".repeat(10_000));

  private static final Set<String> FAMILIES =
      Set.of(
          "kube_namespace_created",
          "kube_namespace_annotations",
          "kube_namespace_labels",
          "kube_namespace_status_phase",
          "kube_namespace_status_condition");

  private static Namespace hostile(int i, String value) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("value", value);
    labels.put("evil\"key\n} 1", value);
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName("ns-" + i + "-" + value)
        .withUid("uid-" + i)
        .withCreationTimestamp("2017-07-14T02:40:00Z")
        .withLabels(labels)
        .withAnnotations(Map.of("note", value))
        .endMetadata()
        .withNewStatus()
        .withPhase(value)
        .addNewCondition()
        .withType(value)
        .withStatus("True")
        .withReason(value)
        .endCondition()
        .endStatus()
        .build();
  }

  private static List<MetricsStore<?>> stores(List<String> failures) {
    ExportedMetrics exported =
        new ExportedMetrics(
            List.of("namespaces"),
            FamilyFilter.DEFAULT,
            Allowlists.parse("labels", "namespaces=[*]", Kinds.all().keySet()),
            Allowlists.parse("annotations", "namespaces=[*]", Kinds.all().keySet()));
    return exported.newStores(
        (resource, family, object, error) -> failures.add(family + ": " + error));
  }

  @SuppressWarnings("unchecked")
  private static MetricsStore<Namespace> namespaces(List<MetricsStore<?>> stores) {
    return (MetricsStore<Namespace>) stores.get(0);
  }

  private static String scrape(List<MetricsStore<?>> stores, Format format) {
    Scrape scrape = new Scrape(stores, format);
    ExpositionBuffer out = new ExpositionBuffer(1 << 16);
    boolean done;
    do {
      done = scrape.fill(out, out.size() + (1 << 16));
    } while (!done);
    return out.toString();
  }

  @Test
  void writesExactlyOneLinePerSampleForEachHostileValue() {
    for (int i = 0; i < HOSTILE.size(); i++) {
      String value = HOSTILE.get(i);
      List<String> failures = new ArrayList<>();
      List<MetricsStore<?>> stores = stores(failures);
      namespaces(stores).put("uid-" + i, hostile(i, value));
      List<String> samples = new ArrayList<>();
      for (String line : scrape(stores, Format.TEXT).split("\n", -1)) {
        if (!line.isEmpty() && !line.startsWith("# HELP ") && !line.startsWith("# TYPE ")) {
          samples.add(line);
        }
      }
      // created 1, annotations 1, labels 1, phase 2, one condition 3 (ksm-metrics.tsv).
      assertEquals(8, samples.size(), () -> "sample lines for value #" + HOSTILE.indexOf(value));
      Set<String> seenValues = new HashSet<>();
      for (String line : samples) {
        ExpositionLines.ParsedSample s = ExpositionLines.parse(line);
        assertNotNull(s, line);
        assertTrue(FAMILIES.contains(s.name()), line);
        assertTrue(s.value().matches("[0-9.e+-]+"), line);
        for (String[] kv : s.labels()) {
          seenValues.add(unescape(kv[1]));
        }
      }
      String written = value.replaceAll("[\\uD800-\\uDFFF]", "\uFFFD");
      assertTrue(seenValues.contains(written), "value #" + i + " not written unaltered");
      assertEquals(List.of(), failures);
    }
  }

  @Test
  void promtoolParsesTextAndOpenMetricsBodies(@TempDir Path tmp)
      throws IOException, InterruptedException {
    Path promtool = onPath("promtool");
    Assumptions.assumeTrue(promtool != null, "promtool is not on PATH");
    List<String> failures = new ArrayList<>();
    List<MetricsStore<?>> stores = stores(failures);
    for (int i = 0; i < HOSTILE.size(); i++) {
      namespaces(stores).put("uid-" + i, hostile(i, HOSTILE.get(i)));
    }
    for (Format format : List.of(Format.TEXT, Format.OPENMETRICS_1_0_0)) {
      String body = scrape(stores, format);
      Path report = tmp.resolve(format + ".out");
      Process p =
          new ProcessBuilder(promtool.toString(), "check", "metrics")
              .redirectErrorStream(true)
              .redirectOutput(report.toFile())
              .start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(body.getBytes(StandardCharsets.UTF_8));
      }
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
      int exit = p.exitValue();
      // 0: clean; 3: lint findings only; 1: the body does not parse.
      assertTrue(
          exit == 0 || exit == 3,
          format + ": promtool exit " + exit + ": " + Files.readString(report));
    }
    assertEquals(List.of(), failures);
  }

  private static Path onPath(String command) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static String unescape(String escaped) {
    StringBuilder out = new StringBuilder(escaped.length());
    for (int i = 0; i < escaped.length(); i++) {
      char c = escaped.charAt(i);
      if (c == '\\' && i + 1 < escaped.length()) {
        char next = escaped.charAt(++i);
        out.append(next == 'n' ? '\n' : next);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
