package dev.kubestate.exporter.server;

import dev.kubestate.exporter.store.MetricsStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code resources} and {@code exclude_resources} query parameters of {@code /metrics}, as
 * KSM reads them (reference/ksm-behaviour.md section 2): each may repeat and hold a comma list;
 * names are trimmed and empty items dropped; when {@code resources} is present only the named
 * resources are written (present but empty selects nothing); then excluded names are removed;
 * unknown names are ignored. Immutable.
 */
final class ResourceSelection {

  private final Set<String> included;
  private final Set<String> excluded;

  private ResourceSelection(Set<String> included, Set<String> excluded) {
    this.included = included;
    this.excluded = excluded;
  }

  /**
   * @param resources every value of {@code resources}, or null when the parameter is absent
   * @param excludeResources every value of {@code exclude_resources} (empty when absent)
   */
  static ResourceSelection of(List<String> resources, List<String> excludeResources) {
    return new ResourceSelection(
        resources == null ? null : names(resources), names(excludeResources));
  }

  private static Set<String> names(List<String> values) {
    Set<String> out = new HashSet<>();
    for (String v : values) {
      for (String item : v.split(",")) {
        String name = item.trim();
        if (!name.isEmpty()) {
          out.add(name);
        }
      }
    }
    return out;
  }

  /** The selected stores, keeping the order of {@code stores}. */
  List<MetricsStore<?>> select(List<MetricsStore<?>> stores) {
    List<MetricsStore<?>> out = new ArrayList<>(stores.size());
    for (MetricsStore<?> s : stores) {
      String r = s.resource();
      if ((included == null || included.contains(r)) && !excluded.contains(r)) {
        out.add(s);
      }
    }
    return out;
  }
}
