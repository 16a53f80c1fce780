package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/** Objects are named on one short line, whatever their names hold. */
class ObjectNamesTest {

  @Test
  void namesOrdinaryObjects() {
    assertEquals(
        "Pod default/web-0",
        ObjectNames.describe(
            new PodBuilder().withNewMetadata().withName("web-0").withNamespace("default")
                .endMetadata().build()));
  }

  @Test
  void controlCharactersAreEscapedAndLongNamesCut() {
    String name = "a\nb\u0000c\u007f" + "x".repeat(5_000);
    String described =
        ObjectNames.describe(
            new PodBuilder().withNewMetadata().withName(name).withNamespace("ns\r")
                .endMetadata().build());
    assertTrue(described.startsWith("Pod ns\\u000d/a\\u000ab\\u0000c\\u007fxxx"), described);
    assertTrue(described.endsWith("...(5006 chars)"), described);
    assertEquals(1, described.lines().count());
    assertTrue(described.length() < 300, "length " + described.length());
  }
}
