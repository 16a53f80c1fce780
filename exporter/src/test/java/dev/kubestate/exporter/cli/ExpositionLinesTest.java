package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kubestate.exporter.testing.ExpositionLines;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The vector comparison itself, so that a passing vector means what run-vectors means. */
class ExpositionLinesTest {

  private static final Set<String> FAMILY = Set.of("kube_x");
  private static final String HEADER = "# HELP kube_x [STABLE] X.\n# TYPE kube_x gauge\n";

  private static List<String> compare(String want, String got) {
    return VectorsTest.compare(ExpositionLines.of(want, FAMILY), ExpositionLines.of(got, FAMILY));
  }

  @Test
  void ignoresLabelOrderLineOrderAndOtherFamilies() {
    String want = HEADER + "kube_x{a=\"1\",b=\"2\"} 1\nkube_x{a=\"3\",b=\"4\"} 0\n";
    String got =
        "kube_y 5\n" + HEADER + "kube_x{b=\"4\",a=\"3\"} 0\nkube_x{b=\"2\",a=\"1\"} 1\n# EOF\n";
    assertEquals(List.of(), compare(want, got));
  }

  @Test
  void reportsMissingAndUnexpectedSamples() {
    assertEquals(
        List.of("missing:    kube_x{a=\"1\"} 1", "unexpected: kube_x{a=\"2\"} 1"),
        compare(HEADER + "kube_x{a=\"1\"} 1\n", HEADER + "kube_x{a=\"2\"} 1\n"));
  }

  @Test
  void comparesValuesAsText() {
    assertEquals(
        List.of("missing:    kube_x{a=\"1\"} 1.5e+09", "unexpected: kube_x{a=\"1\"} 1500000000"),
        compare(HEADER + "kube_x{a=\"1\"} 1.5e+09\n", HEADER + "kube_x{a=\"1\"} 1500000000\n"));
  }

  @Test
  void countsDuplicateSamples() {
    assertEquals(
        List.of("unexpected: kube_x{a=\"1\"} 1"),
        compare(HEADER + "kube_x{a=\"1\"} 1\n", HEADER + "kube_x{a=\"1\"} 1\nkube_x{a=\"1\"} 1\n"));
  }

  @Test
  void reportsWrongAndMissingHeaders() {
    assertEquals(
        List.of(
            "header:     got # HELP kube_x X.\n              want # HELP kube_x [STABLE] X.",
            "no header:  # TYPE kube_x"),
        compare(HEADER + "kube_x 1\n", "# HELP kube_x X.\nkube_x 1\n"));
  }

  @Test
  void acceptsMissingHeaderOfFamilyWithoutSamples() {
    assertEquals(List.of(), compare(HEADER, ""));
  }

  @Test
  void keepsEscapesInsideLabelValues() {
    ExpositionLines.ParsedSample s = ExpositionLines.parse("kube_x{a=\"q\\\"} 1\\n\",b=\"\"} 2");
    assertEquals("q\\\"} 1\\n", s.labels().get(0)[1]);
    assertEquals("", s.labels().get(1)[1]);
    assertEquals("2", s.value());
  }

  @Test
  void rejectsUnterminatedLabelValue() {
    assertNull(ExpositionLines.parse("kube_x{a=\"open} 1"));
  }
}
