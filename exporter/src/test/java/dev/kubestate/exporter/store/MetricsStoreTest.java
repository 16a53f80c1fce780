package dev.kubestate.exporter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.metrics.RenderedObject;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Per-UID rendered lines: replace, remove, byte accounting. */
class MetricsStoreTest {

  private static String text(RenderedObject r) {
    return new String(r.bytes(), 0, r.size(), StandardCharsets.UTF_8);
  }

  @Test
  void replacesLinesOfSameUid() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    assertTrue(s.put("u1", "one:1"));
    assertTrue(s.put("u1", "one:2"));
    assertEquals(1, s.size());
    RenderedObject[] snapshot = s.snapshot();
    assertEquals(1, snapshot.length);
    assertTrue(text(snapshot[0]).contains("version=\"2\""));
    assertFalse(text(snapshot[0]).contains("version=\"1\""));
  }

  @Test
  void aDeletedObjectCannotBeBroughtBackByALaggingWriterWhileDeletesAreRemembered() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    s.rememberDeletes(true);
    s.put("u1", "7", "one:7");
    s.delete("u1");
    assertFalse(s.put("u1", "6", "one:6"), "older update from a writer that missed the delete");
    assertFalse(s.put("u1", "one:8"), "any update: a deleted UID never returns");
    assertFalse(s.contains("u1"));
    s.put("u2", "3", "two:3");
    s.remove("u2");
    assertTrue(s.put("u2", "4", "two:4"), "a removal that is no delete remembers nothing");
  }

  @Test
  void aRememberedDeleteIsNeitherServedNorCountedNorListed() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    s.rememberDeletes(true);
    s.put("u1", "7", "one:7");
    s.put("u2", "3", "two:3");
    s.delete("u1");
    s.delete("absent");
    assertEquals(1, s.size());
    assertEquals(Set.of("u2"), Set.copyOf(s.uids()));
    assertEquals(1, s.snapshot().length);
    assertEquals(s.snapshot()[0].size(), s.renderedBytes());
    s.rememberDeletes(false);
    assertEquals(1, s.size());
    assertEquals(Set.of("u2"), Set.copyOf(s.uids()));
  }

  @Test
  void forgetsDeletesWhenTurnedOffAndRemembersNoneWhileOff() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    s.rememberDeletes(true);
    s.put("u1", "one:1");
    s.delete("u1");
    s.rememberDeletes(false);
    assertTrue(s.put("u1", "one:2"), "forgotten once no second writer can lag");
    s.delete("u1");
    s.rememberDeletes(true);
    assertTrue(s.put("u1", "one:3"), "deleted while off: not remembered");
  }

  @Test
  void doesNotRenderTheSameResourceVersionAgain() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    assertTrue(s.put("u1", "5", "one:a"));
    assertTrue(s.put("u1", "5", "one:b"), "already stored at this version");
    assertTrue(text(s.snapshot()[0]).contains("version=\"a\""), "lines of version 5 kept");
    assertTrue(s.put("u1", "6", "one:c"));
    assertTrue(text(s.snapshot()[0]).contains("version=\"c\""));
    s.remove("u1");
    assertTrue(s.put("u1", "6", "one:d"), "rendered again once removed");
    assertTrue(text(s.snapshot()[0]).contains("version=\"d\""));
  }

  @Test
  void removesLinesOfUid() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    s.put("u1", "one:1");
    s.put("u2", "two:1");
    s.remove("u1");
    s.remove("absent");
    assertFalse(s.contains("u1"));
    assertTrue(s.contains("u2"));
    s.remove("u2");
    assertEquals(0, s.size());
    assertEquals(0, s.renderedBytes());
  }

  @Test
  void countsRenderedBytesOfHeldObjects() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    s.put("u1", "one:1");
    s.put("u2", "two:22");
    s.put("u1", "one:333");
    long sum = 0;
    for (RenderedObject r : s.snapshot()) {
      sum += r.size();
    }
    assertEquals(sum, s.renderedBytes());
  }

  @Test
  void dropsOldLinesWhenNewVersionCannotBeRendered() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    s.put("u1", "one:1");
    assertFalse(s.put("u1", "broken:2"));
    assertFalse(s.contains("u1"));
    assertEquals(0, s.renderedBytes());
  }

  @Test
  void rejectsNullUid() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    assertThrows(NullPointerException.class, () -> s.put(null, "one:1"));
  }

  @Test
  void ignoresUpdateWithLowerResourceVersion() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    assertTrue(s.put("u1", "5", "one:5"));
    assertFalse(s.put("u1", "4", "one:4"));
    assertTrue(text(s.snapshot()[0]).contains("version=\"5\""));
    assertTrue(s.put("u1", "12", "one:12"));
    assertTrue(text(s.snapshot()[0]).contains("version=\"12\""));
  }

  @Test
  void acceptsAnyUpdateWhenResourceVersionIsNotNumeric() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    assertTrue(s.put("u1", "9", "one:9"));
    assertTrue(s.put("u1", "abc", "one:abc"));
    assertTrue(s.put("u1", "3", "one:3"));
    assertTrue(text(s.snapshot()[0]).contains("version=\"3\""));
  }

  @Test
  void forgetsResourceVersionOfRemovedObject() {
    MetricsStore<String> s = Versions.store("things", "kube_thing");
    s.put("u1", "9", "one:9");
    s.remove("u1");
    assertTrue(s.put("u1", "2", "one:2"));
    assertEquals(1, s.size());
    assertEquals(s.snapshot()[0].size(), s.renderedBytes());
  }
}
