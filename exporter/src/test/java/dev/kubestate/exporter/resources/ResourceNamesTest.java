package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Extended resource names as ksm-behaviour.md 6 defines them. */
class ResourceNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"nvidia.com/gpu", "example.com/fpga_v2", "a-b.example/Name.x"})
  void acceptsDomainPrefixedNames(String name) {
    assertTrue(ResourceNames.isExtended(name));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cpu",
        "foo",
        "hugepages-2Mi",
        "kubernetes.io/foo",
        "foo.kubernetes.io/bar",
        "requests.example.com/gpu",
        "Example.com/gpu",
        "example.com/-gpu",
        "example.com/gpu-",
        "example.com/",
        "/gpu",
        "a/b/c",
        "example.com/a/b",
        "example..com/gpu",
        "example.com/a234567890123456789012345678901234567890123456789012345678901234"
      })
  void rejectsNativeOrInvalidNames(String name) {
    assertFalse(ResourceNames.isExtended(name));
  }
}
