package dev.kubestate.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --metric-labels-allowlist} syntax (reference/ksm-behaviour.md 4). */
class AllowlistsTest {

  private static final String FLAG = "--metric-labels-allowlist";
  private static final List<String> RESOURCES = List.of("namespaces", "pods", "services");

  private static Allowlists parse(String value) {
    return Allowlists.parse(FLAG, value, RESOURCES);
  }

  @Test
  void parsesListsPerResource() {
    Allowlists a = parse("pods=[app,team],namespaces=[*]");
    assertTrue(a.forResource("pods").allows("app"));
    assertTrue(a.forResource("pods").allows("team"));
    assertFalse(a.forResource("pods").allows("tier"));
    assertTrue(a.forResource("namespaces").allows("anything"));
    assertFalse(a.forResource("services").isEnabled());
  }

  @Test
  void trimsWhitespaceAroundItems() {
    Allowlists a = parse(" pods = [ app , team ] , namespaces=[ x* ]");
    assertTrue(a.forResource("pods").allows("app"));
    assertTrue(a.forResource("pods").allows("team"));
    assertTrue(a.forResource("namespaces").allows("xyz"));
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"  "})
  void readsBlankAsNoAllowlist(String value) {
    assertSame(Allowlists.NONE, parse(value));
    assertFalse(parse(value).forResource("pods").isEnabled());
  }

  @Test
  void acceptsEmptyListAsNoSample() {
    assertFalse(parse("pods=[]").forResource("pods").isEnabled());
  }

  @Test
  void rejectsUnknownResourceNamingFlagAndAlternatives() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parse("nope=[a]"));
    String m = e.getMessage();
    assertTrue(m.startsWith(FLAG), m);
    assertTrue(m.contains("\"nope\" does not exist"), m);
    assertTrue(m.contains("Available resources: namespaces,pods,services"), m);
  }

  @Test
  void rejectsTwoStarsInOneItemNamingFlag() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> parse("pods=[a*b*]"));
    assertTrue(e.getMessage().startsWith(FLAG), e.getMessage());
    assertTrue(e.getMessage().contains("a*b*"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"pods", "pods=app", "pods=[app", "=[app]"})
  void rejectsMalformedValueNamingFlag(String value) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(value));
    assertTrue(e.getMessage().startsWith(FLAG), e.getMessage());
  }

  @Test
  void appliesStarResourceToEveryResourceAndDropsOthers() {
    Allowlists a = parse("pods=[team],*=[app]");
    for (String r : RESOURCES) {
      assertTrue(a.forResource(r).allows("app"), r);
      assertFalse(a.forResource(r).allows("team"), r);
    }
  }

  @Test
  void appliesStarResourceEvenWhenListedFirst() {
    Allowlists a = parse("*=[app],pods=[team]");
    assertTrue(a.forResource("pods").allows("app"));
    assertFalse(a.forResource("pods").allows("team"));
  }
}
