package dev.kubestate.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Allow, deny and opt-in lists (reference/ksm-behaviour.md 5). */
class FamilyFilterTest {

  private static final Family<Object> READY = gauge("kube_pod_status_ready");
  private static final Family<Object> READY_TIME = gauge("kube_pod_status_ready_time");
  private static final Family<Object> INFO = gauge("kube_pod_info");
  private static final Family<Object> NODE_SELECTORS =
      gauge("kube_pod_nodeselectors").optIn();

  private static Family<Object> gauge(String name) {
    return Family.gauge(name, "h", Stability.ALPHA, (o, out) -> {});
  }

  @Test
  void keepsEveryDefaultFamilyAndNoOptInFamilyByDefault() {
    assertTrue(FamilyFilter.DEFAULT.accepts(READY));
    assertTrue(FamilyFilter.DEFAULT.accepts(INFO));
    assertFalse(FamilyFilter.DEFAULT.accepts(NODE_SELECTORS));
  }

  @Test
  void denylistSearchesUnanchored() {
    FamilyFilter f = FamilyFilter.of(List.of(), List.of("kube_pod_status_ready"), List.of());
    assertFalse(f.accepts(READY));
    assertFalse(f.accepts(READY_TIME));
    assertTrue(f.accepts(INFO));
  }

  @Test
  void denylistHonoursAnchorsGiven() {
    FamilyFilter f = FamilyFilter.of(List.of(), List.of("^kube_pod_status_ready$"), List.of());
    assertFalse(f.accepts(READY));
    assertTrue(f.accepts(READY_TIME));
  }

  @Test
  void allowlistSearchesUnanchored() {
    FamilyFilter f = FamilyFilter.of(List.of("status_ready"), List.of(), List.of());
    assertTrue(f.accepts(READY));
    assertTrue(f.accepts(READY_TIME));
    assertFalse(f.accepts(INFO));
  }

  @Test
  void rejectsAllowlistTogetherWithDenylist() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FamilyFilter.of(List.of("a"), List.of("b"), List.of()));
    assertTrue(e.getMessage().contains("--metric-allowlist"), e.getMessage());
    assertTrue(e.getMessage().contains("--metric-denylist"), e.getMessage());
  }

  @Test
  void rejectsInvalidRegexNamingFlag() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FamilyFilter.of(List.of(), List.of("("), List.of()));
    assertTrue(e.getMessage().startsWith("--metric-denylist"), e.getMessage());
  }

  @Test
  void optInListEnablesMatchingOptInFamily() {
    FamilyFilter f = FamilyFilter.of(List.of(), List.of(), List.of("nodeselectors"));
    assertTrue(f.accepts(NODE_SELECTORS));
    assertTrue(f.accepts(INFO));
  }

  @Test
  void allowlistAloneDoesNotEnableOptInFamily() {
    FamilyFilter f = FamilyFilter.of(List.of("kube_pod_nodeselectors"), List.of(), List.of());
    assertFalse(f.accepts(NODE_SELECTORS));
  }

  @Test
  void denylistWinsOverOptIn() {
    FamilyFilter f =
        FamilyFilter.of(List.of(), List.of("nodeselectors"), List.of("kube_pod_nodeselectors"));
    assertFalse(f.accepts(NODE_SELECTORS));
  }
}
