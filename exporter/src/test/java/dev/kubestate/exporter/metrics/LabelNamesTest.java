package dev.kubestate.exporter.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Key to label-name mapping (reference/ksm-behaviour.md 4). */
class LabelNamesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      emptyValue = "",
      value = {
        "app.kubernetes.io/name | label_app_kubernetes_io_name",
        "camelCase | label_camel_case",
        "ABCDef | label_abcdef",
        "v1Beta | label_v1_beta",
        "$app | label__app",
        "0start | label_0start",
        "'' | label_",
        "a1B | label_a1_b",
        "aBcD | label_a_bc_d",
        "aBC | label_a_bc",
        "already_snake | label_already_snake",
        "UPPER | label_upper",
        "with space | label_with_space"
      })
  void mapsKeyAsKsm(String key, String expected) {
    assertEquals(expected, LabelNames.sanitize("label", key));
  }

  @Test
  void usesPrefixGiven() {
    assertEquals(
        "annotation_company_io_team", LabelNames.sanitize("annotation", "company.io/team"));
    assertEquals(
        "nodeselector_kubernetes_io_os", LabelNames.sanitize("nodeselector", "kubernetes.io/os"));
  }

  @Test
  void replacesEachNonAsciiCodePointWithOneUnderscore() {
    assertEquals("label_caf_", LabelNames.sanitize("label", "caf\u00E9"));
    assertEquals("label_rocket_", LabelNames.sanitize("label", "rocket\uD83D\uDE80"));
  }

  @Test
  void doesNotSplitBeforeUpperCaseAfterNonAscii() {
    assertEquals("label__b", LabelNames.sanitize("label", "\u00E9B"));
  }

  @Test
  void sanitizesResourceNameKeepingCase() {
    assertEquals("nvidia_com_gpu", LabelNames.sanitizeResourceName("nvidia.com/gpu"));
    assertEquals("hugepages_2Mi", LabelNames.sanitizeResourceName("hugepages-2Mi"));
    assertEquals("ephemeral_storage", LabelNames.sanitizeResourceName("ephemeral-storage"));
  }
}
