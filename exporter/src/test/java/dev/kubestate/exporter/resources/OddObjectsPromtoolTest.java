package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kubestate.exporter.exposition.Format;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderedObject;
import dev.kubestate.exporter.testing.StrictExposition;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prometheus' own parser agrees: a sample of the odd-object test's output ({@value #PER_KIND}
 * objects of every kind, every family, {@code *} allowlists), laid out family by family as {@code
 * /metrics} serves it, passes {@code promtool check metrics} (exit 0, or 3 for lint findings
 * only). Skipped where promtool is not on {@code PATH} (Debian package {@code prometheus}, which
 * {@code .ci/run} installs).
 */
class OddObjectsPromtoolTest {

  private static final int PER_KIND = 150;

  @Test
  void promtoolParsesASampleOfOddObjectOutput(@TempDir Path tmp)
      throws IOException, InterruptedException {
    Path promtool = onPath("promtool");
    assumeTrue(
        promtool != null,
        "promtool is not on PATH (Debian package prometheus; .ci/run installs it): skipped");
    Map<String, String> failures = new ConcurrentHashMap<>();
    OddObjects objects = new OddObjects(OddObjectsTest.DEFAULT_SEED);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (KindRenderer<?> r : OddObjectsTest.renderers(failures)) {
      append(r, objects, body);
    }
    byte[] bytes = body.toByteArray();
    StrictExposition.check(bytes);
    Path report = tmp.resolve("promtool.out");
    Process p =
        new ProcessBuilder(promtool.toString(), "check", "metrics")
            .redirectErrorStream(true)
            .redirectOutput(report.toFile())
            .start();
    try (OutputStream in = p.getOutputStream()) {
      in.write(bytes);
    }
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "promtool did not finish");
    int exit = p.exitValue();
    // 0: clean; 3: lint findings only; 1: the body does not parse.
    assertTrue(exit == 0 || exit == 3,
        "promtool exit " + exit + ": " + Files.readString(report).lines().limit(20).toList());
    assertEquals(Map.of(), failures);
  }

  /** One kind's objects, family-major: each family's header, then its lines of every object. */
  private static <T> void append(KindRenderer<T> r, OddObjects objects, ByteArrayOutputStream out) {
    List<RenderedObject> rendered = new ArrayList<>();
    for (int i = 0; i < PER_KIND; i++) {
      RenderedObject o = r.render(objects.create(r.kind().type()));
      if (o != null) {
        rendered.add(o);
      }
    }
    for (int f = 0; f < r.familyCount(); f++) {
      out.writeBytes(r.header(f).bytes(Format.TEXT));
      for (RenderedObject o : rendered) {
        out.write(o.bytes(), o.start(f), o.end(f) - o.start(f));
      }
    }
  }

  private static Path onPath(String command) {
    String path = System.getenv("PATH");
    for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, command);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
