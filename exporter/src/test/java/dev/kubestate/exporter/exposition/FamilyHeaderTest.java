package dev.kubestate.exporter.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** HELP/TYPE lines (reference/ksm-behaviour.md 3.1 and 3.3). */
class FamilyHeaderTest {

  private static String text(FamilyHeader h, Format f) {
    return new String(h.bytes(f), StandardCharsets.UTF_8);
  }

  @Test
  void writesStableHelpAsGiven() {
    FamilyHeader h =
        new FamilyHeader("kube_pod_info", "[STABLE] Information about pod.", MetricType.GAUGE);
    assertEquals(
        "# HELP kube_pod_info [STABLE] Information about pod.\n# TYPE kube_pod_info gauge\n",
        text(h, Format.TEXT));
  }

  @Test
  void writesDeprecatedHelpExampleOfKsm() {
    FamilyHeader h =
        new FamilyHeader(
            "kube_endpoint_ports",
            "[STABLE] (Deprecated since v2.14.0) Information about the Endpoint ports.",
            MetricType.GAUGE);
    assertEquals(
        "# HELP kube_endpoint_ports [STABLE] (Deprecated since v2.14.0) Information about the"
            + " Endpoint ports.\n# TYPE kube_endpoint_ports gauge\n",
        text(h, Format.TEXT));
  }

  @Test
  void escapesBackslashAndNewlineButNotQuotesInHelp() {
    FamilyHeader h = new FamilyHeader("x", "a\\b\nc \"d\"", MetricType.GAUGE);
    assertEquals("# HELP x a\\\\b\\nc \"d\"\n# TYPE x gauge\n", text(h, Format.TEXT));
  }

  @Test
  void keepsTotalSuffixOfCounterInBothFormats() {
    FamilyHeader h =
        new FamilyHeader(
            "kube_pod_container_status_restarts_total", "restarts", MetricType.COUNTER);
    String expected =
        "# HELP kube_pod_container_status_restarts_total restarts\n"
            + "# TYPE kube_pod_container_status_restarts_total counter\n";
    assertEquals(expected, text(h, Format.TEXT));
    assertEquals(expected, text(h, Format.OPENMETRICS_1_0_0));
  }

  @Test
  void writesInfoAndStatesetAsGaugeInText() {
    assertEquals(
        "# HELP i h\n# TYPE i gauge\n",
        text(new FamilyHeader("i", "h", MetricType.INFO), Format.TEXT));
    assertEquals(
        "# HELP s h\n# TYPE s gauge\n",
        text(new FamilyHeader("s", "h", MetricType.STATESET), Format.TEXT));
  }

  @Test
  void keepsInfoAndStatesetInOpenMetrics() {
    for (Format f : new Format[] {Format.OPENMETRICS_1_0_0, Format.OPENMETRICS_0_0_1}) {
      assertEquals(
          "# HELP i h\n# TYPE i info\n", text(new FamilyHeader("i", "h", MetricType.INFO), f));
      assertEquals(
          "# HELP s h\n# TYPE s stateset\n",
          text(new FamilyHeader("s", "h", MetricType.STATESET), f));
    }
  }

  @Test
  void endsOpenMetricsBodyWithEof() {
    assertEquals(
        "# EOF\n", new String(Format.OPENMETRICS_1_0_0.trailer(), StandardCharsets.US_ASCII));
    assertEquals(0, Format.TEXT.trailer().length);
  }
}
