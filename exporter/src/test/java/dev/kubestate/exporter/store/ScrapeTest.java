package dev.kubestate.exporter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.exposition.ExpositionBuffer;
import dev.kubestate.exporter.exposition.Format;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Body layout of a scrape (reference/ksm-behaviour.md 3.1 and 3.5) and its snapshot rule. */
class ScrapeTest {

  private static String body(List<MetricsStore<?>> stores, Format format) {
    Scrape scrape = new Scrape(stores, format);
    ExpositionBuffer out = new ExpositionBuffer(64);
    boolean done;
    do {
      done = scrape.fill(out, out.size() + 4096);
    } while (!done);
    assertTrue(scrape.isFinished());
    return out.toString();
  }

  /** Lines with each run of sample lines sorted, since object order is unspecified. */
  private static List<String> normalized(String body) {
    List<String> out = new ArrayList<>();
    List<String> run = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("#")) {
        run.sort(null);
        out.addAll(run);
        run.clear();
        out.add(line);
      } else if (!line.isEmpty()) {
        run.add(line);
      }
    }
    run.sort(null);
    out.addAll(run);
    return out;
  }

  @Test
  void writesFamilyMajorWithHeadersIncludingEmptyFamilies() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    s.put("u1", "one:1");
    s.put("u2", "two:1");
    assertEquals(
        List.of(
            "# HELP kube_thing_a Help of kube_thing_a.",
            "# TYPE kube_thing_a gauge",
            "kube_thing_a{obj=\"one\",version=\"1\"} 1",
            "kube_thing_a{obj=\"two\",version=\"1\"} 1",
            "# HELP kube_thing_empty Nothing.",
            "# TYPE kube_thing_empty gauge",
            "# HELP kube_thing_b Help of kube_thing_b.",
            "# TYPE kube_thing_b gauge",
            "kube_thing_b{obj=\"one\",version=\"1\"} 1",
            "kube_thing_b{obj=\"two\",version=\"1\"} 1"),
        normalized(body(List.of(s), Format.TEXT)));
  }

  @Test
  void writesStoresInGivenOrderAndSkipsEmptyOnes() {
    MetricsStore<String> first = Versions.store("alphas", "kube_alpha");
    MetricsStore<String> empty = Versions.store("betas", "kube_beta");
    MetricsStore<String> last = Versions.store("gammas", "kube_gamma");
    first.put("u1", "a:1");
    last.put("u2", "g:1");
    String text = body(List.of(first, empty, last), Format.TEXT);
    assertFalse(text.contains("kube_beta"), text);
    assertTrue(text.indexOf("kube_alpha_b") < text.indexOf("# HELP kube_gamma_a"), text);
  }

  @Test
  void writesNothingWithoutObjectsButEofInOpenMetrics() {
    List<MetricsStore<?>> stores = List.of(Versions.store("things", "kube_thing"));
    assertEquals("", body(stores, Format.TEXT));
    assertEquals("# EOF\n", body(stores, Format.OPENMETRICS_1_0_0));
    assertEquals("# EOF\n", body(List.of(), Format.OPENMETRICS_0_0_1));
  }

  @Test
  void endsOpenMetricsBodyWithEofAfterTheSameLines() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    s.put("u1", "one:1");
    assertEquals(
        body(List.of(s), Format.TEXT) + "# EOF\n", body(List.of(s), Format.OPENMETRICS_1_0_0));
  }

  @Test
  void writesTheSameBodyInSmallChunks() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    for (int i = 0; i < 50; i++) {
      s.put("u" + i, "obj" + i + ":" + i);
    }
    String whole = body(List.of(s), Format.TEXT);
    Scrape scrape = new Scrape(List.of(s), Format.TEXT);
    StringBuilder chunks = new StringBuilder();
    ExpositionBuffer chunk = new ExpositionBuffer(16);
    boolean done;
    int calls = 0;
    do {
      chunk.reset();
      done = scrape.fill(chunk, 1);
      chunks.append(chunk);
      calls++;
    } while (!done);
    assertEquals(whole, chunks.toString());
    assertTrue(calls > 100, "chunks of about one slice: " + calls);
  }

  @Test
  void showsEachObjectInOneVersionWhenUpdatedMidScrape() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    s.put("u1", "one:1");
    s.put("u2", "two:1");
    Scrape scrape = new Scrape(List.of(s), Format.TEXT);
    ExpositionBuffer out = new ExpositionBuffer(64);
    scrape.fill(out, 1);
    s.put("u1", "one:2");
    s.put("u3", "late:1");
    boolean done;
    do {
      done = scrape.fill(out, out.size() + 4096);
    } while (!done);
    String text = out.toString();
    assertFalse(text.contains("version=\"2\""), text);
    assertFalse(text.contains("late"), text);
    assertEquals(2, text.split("obj=\"one\"", -1).length - 1, text);
  }
}
