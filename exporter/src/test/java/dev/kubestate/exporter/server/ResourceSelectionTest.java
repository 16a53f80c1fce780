package dev.kubestate.exporter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.exporter.store.MetricsStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The query parameters as reference/ksm-behaviour.md section 2 describes them. */
class ResourceSelectionTest {

  private final List<MetricsStore<?>> stores =
      ExportedMetrics.defaults().newStores(RenderFailures.IGNORE);

  private List<String> selected(List<String> resources, List<String> exclude) {
    return ResourceSelection.of(resources, exclude).select(stores).stream()
        .map(MetricsStore::resource)
        .toList();
  }

  private List<String> all() {
    return stores.stream().map(MetricsStore::resource).toList();
  }

  @Test
  void absentParametersSelectEverythingInOrder() {
    assertEquals(all(), selected(null, List.of()));
  }

  @Test
  void presentButEmptyResourcesSelectsNothing() {
    assertEquals(List.of(), selected(List.of(""), List.of()));
    assertEquals(List.of(), selected(List.of(" , "), List.of()));
  }

  @Test
  void repeatedAndCommaListsAreTrimmedAndKeepStoreOrder() {
    assertEquals(
        List.of("namespaces", "pods"),
        selected(List.of(" pods ,", "namespaces", "unknown"), List.of()));
  }

  @Test
  void excludeAppliesAfterInclude() {
    assertEquals(
        List.of("namespaces"), selected(List.of("pods,namespaces"), List.of("pods", "x")));
    assertEquals(
        all().stream().filter(r -> !r.equals("nodes")).toList(),
        selected(null, List.of(" nodes")));
  }
}
