package dev.kubestate.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Allowlist entries, order and conflict suffixes (reference/ksm-behaviour.md 4). */
class KeyAllowlistTest {

  private static String labels(KeyAllowlist allowlist, Map<String, String> source) {
    SamplesFixture f = new SamplesFixture("kube_x_labels", "x=\"o\"");
    allowlist.writeSample(source, "label", f.samples);
    return f.text();
  }

  private static Map<String, String> ordered(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  @Test
  void suffixesConflictsInKeyOrder() {
    Map<String, String> source =
        ordered("other", "d", "foo_bar", "c", "foo.bar", "b", "foo-bar", "a");
    assertEquals(
        "kube_x_labels{x=\"o\",label_foo_bar_conflict1=\"a\",label_foo_bar_conflict2=\"b\","
            + "label_foo_bar_conflict3=\"c\",label_other=\"d\"} 1\n",
        labels(KeyAllowlist.ALL, source));
  }

  @Test
  void skipsConflictSuffixTakenByAnotherKey() {
    Map<String, String> source = ordered("a.b", "z", "a-b", "y", "A.b.conflict1", "x");
    assertEquals(
        "kube_x_labels{x=\"o\",label_a_b_conflict1=\"x\",label_a_b_conflict2=\"y\","
            + "label_a_b_conflict3=\"z\"} 1\n",
        labels(KeyAllowlist.ALL, source));
  }

  @Test
  void ordersKeysByBytesNotByLabelName() {
    Map<String, String> source = ordered("b", "2", "Z", "1", "a", "3");
    assertEquals(
        "kube_x_labels{x=\"o\",label_z=\"1\",label_a=\"3\",label_b=\"2\"} 1\n",
        labels(KeyAllowlist.ALL, source));
  }

  @Test
  void keepsValuesUnaltered() {
    assertEquals(
        "kube_x_labels{x=\"o\",label_k=\"Some Value/\\\"q\\\"\"} 1\n",
        labels(KeyAllowlist.ALL, Map.of("k", "Some Value/\"q\"")));
  }

  @ParameterizedTest(name = "{0} allows {1}: {2}")
  @CsvSource({
    "app*, app, true",
    "app*, apple, true",
    "app*, xapp, false",
    "app*, App, false",
    "*/team, x.io/team, true",
    "*/team, /team, true",
    "*/team, x.io/teams, false",
    "foo-*-bar, foo--bar, true",
    "foo-*-bar, foo-x-y-bar, true",
    "foo-*-bar, foo-bar, false",
    "foo-*-bar, foo-x-bar-baz, false",
    "team, team, true",
    "team, Team, false",
    "team, teams, false"
  })
  void matchesOneStarEntriesAsAnchoredCaseSensitiveGlobs(
      String entry, String key, boolean allowed) {
    assertEquals(allowed, KeyAllowlist.of(List.of(entry)).allows(key));
  }

  @Test
  void selectsEveryKeyWhenStarComesFirst() {
    KeyAllowlist a = KeyAllowlist.of(List.of("*", "ignored"));
    assertTrue(a.allows("anything"));
    assertTrue(a.allows(""));
  }

  @Test
  void ignoresStarInLaterPosition() {
    KeyAllowlist a = KeyAllowlist.of(List.of("wildcard-not-first", "*"));
    assertTrue(a.allows("wildcard-not-first"));
    assertFalse(a.allows("other"));
    assertEquals(
        "kube_x_labels{x=\"o\",label_wildcard_not_first=\"v\"} 1\n",
        labels(a, Map.of("wildcard-not-first", "v", "other", "w")));
  }

  @Test
  void rejectsEntryWithTwoStars() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> KeyAllowlist.of(List.of("a*b*")));
    assertTrue(e.getMessage().contains("a*b*"), e.getMessage());
  }

  @Test
  void writesNoSampleForEmptyList() {
    KeyAllowlist empty = KeyAllowlist.of(List.of());
    assertFalse(empty.isEnabled());
    assertEquals("", labels(empty, Map.of("app", "x")));
  }

  @Test
  void writesNoSampleWithoutAllowlist() {
    assertEquals("", labels(KeyAllowlist.NONE, Map.of("app", "x")));
  }

  @Test
  void writesIdentityOnlySampleWhenNoListedKeyIsPresent() {
    assertEquals(
        "kube_x_labels{x=\"o\"} 1\n", labels(KeyAllowlist.of(List.of("team")), Map.of("app", "x")));
    assertEquals("kube_x_labels{x=\"o\"} 1\n", labels(KeyAllowlist.ALL, null));
  }

  @Test
  void writesAllKeysForFamiliesWithoutAllowlist() {
    SamplesFixture f = new SamplesFixture("kube_x_nodeselectors", "x=\"o\"");
    KeyAllowlist.writeAll(
        ordered("kubernetes.io/os", "linux", "disk", "ssd"), "nodeselector", f.samples);
    assertEquals(
        "kube_x_nodeselectors{x=\"o\",nodeselector_disk=\"ssd\","
            + "nodeselector_kubernetes_io_os=\"linux\"} 1\n",
        f.text());
  }
}
