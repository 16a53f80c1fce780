package dev.kubestate.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.exposition.Format;
import dev.kubestate.exporter.exposition.MetricType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** HELP composition of a family declaration (reference/ksm-behaviour.md 3.3). */
class FamilyTest {

  private static final Generator<Object> NOTHING = (o, out) -> {};

  @Test
  void prefixesStableHelp() {
    Family<Object> f =
        Family.gauge("kube_pod_info", "Information about pod.", Stability.STABLE, NOTHING);
    assertEquals("[STABLE] Information about pod.", f.fullHelp());
    assertEquals("Information about pod.", f.help());
  }

  @Test
  void writesAlphaHelpWithoutMarker() {
    assertEquals("h", Family.gauge("x", "h", Stability.ALPHA, NOTHING).fullHelp());
  }

  @Test
  void putsDeprecationAfterStabilityPrefix() {
    Family<Object> f =
        Family.gauge(
                "kube_endpoint_ports",
                "Information about the Endpoint ports.",
                Stability.STABLE,
                NOTHING)
            .deprecatedSince("v2.14.0");
    assertEquals(
        "[STABLE] (Deprecated since v2.14.0) Information about the Endpoint ports.", f.fullHelp());
    assertEquals(
        "# HELP kube_endpoint_ports [STABLE] (Deprecated since v2.14.0) Information about the"
            + " Endpoint ports.\n# TYPE kube_endpoint_ports gauge\n",
        new String(f.header().bytes(Format.TEXT), StandardCharsets.UTF_8));
  }

  @Test
  void keepsDeclarationThroughModifiers() {
    Family<Object> f =
        Family.counter("c_total", "h", Stability.STABLE, NOTHING).optIn().deprecatedSince("v1");
    assertEquals(MetricType.COUNTER, f.type());
    assertEquals(Stability.STABLE, f.stability());
    assertTrue(f.isOptIn());
    assertEquals("v1", f.deprecatedSince());
    assertSame(NOTHING, f.generator());
    Family<Object> plain = Family.gauge("g", "h", Stability.ALPHA, NOTHING);
    assertFalse(plain.isOptIn());
    assertNull(plain.deprecatedSince());
  }

  @Test
  void refusesFamilyWithoutGenerator() {
    assertThrows(
        NullPointerException.class, () -> Family.gauge("g", "h", Stability.ALPHA, null));
  }
}
