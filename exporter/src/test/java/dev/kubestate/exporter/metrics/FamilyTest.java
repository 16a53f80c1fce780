package dev.kubestate.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.exposition.Format;
import dev.kubestate.exporter.exposition.MetricType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** HELP composition of a family declaration (reference/ksm-behaviour.md 3.3). */
class FamilyTest {

  @Test
  void prefixesStableHelp() {
    Family<Object> f = Family.gauge("kube_pod_info", "Information about pod.").stable();
    assertEquals("[STABLE] Information about pod.", f.fullHelp());
    assertEquals("Information about pod.", f.help());
  }

  @Test
  void writesAlphaHelpWithoutMarker() {
    assertEquals("h", Family.gauge("x", "h").fullHelp());
  }

  @Test
  void putsDeprecationAfterStabilityPrefix() {
    Family<Object> f =
        Family.gauge("kube_endpoint_ports", "Information about the Endpoint ports.")
            .stable()
            .deprecatedSince("v2.14.0")
            .with((o, out) -> {});
    assertEquals(
        "[STABLE] (Deprecated since v2.14.0) Information about the Endpoint ports.", f.fullHelp());
    assertEquals(
        "# HELP kube_endpoint_ports [STABLE] (Deprecated since v2.14.0) Information about the"
            + " Endpoint ports.\n# TYPE kube_endpoint_ports gauge\n",
        new String(f.header().bytes(Format.TEXT), StandardCharsets.UTF_8));
  }

  @Test
  void keepsDeclarationThroughWithers() {
    Family<Object> f = Family.counter("c_total", "h").optIn().stable().with((o, out) -> {});
    assertEquals(MetricType.COUNTER, f.type());
    assertEquals(Stability.STABLE, f.stability());
    assertTrue(f.isOptIn());
    assertNull(f.deprecatedSince());
    assertFalse(Family.gauge("g", "h").isOptIn());
  }

  @Test
  void refusesToRenderWithoutGenerator() {
    assertThrows(IllegalStateException.class, () -> Family.gauge("g", "h").generator());
  }
}
