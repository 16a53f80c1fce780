package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.LabelNames;
import dev.kubestate.exporter.metrics.Samples;
import dev.kubestate.exporter.resources.ResourceNames.Unit;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * Container resource requests and limits as KSM exports them (reference/ksm-behaviour.md 6): one
 * sample per resource and unit ({@link ResourceNames#units}) with labels {@code container}, {@code
 * node}, {@code resource} (the name with every character outside {@code [a-zA-Z0-9_]} replaced by
 * {@code _}) and {@code unit}; cores as milli-float ({@code 250m} gives 0.25), everything else
 * rounded up to a whole number. Stateless; allocates only label strings.
 */
final class ContainerResources {

  private ContainerResources() {}

  /**
   * Writes the samples of every exportable entry of {@code amounts}, in map order.
   *
   * @param container the container name, written as {@code container}
   * @param node the pod's {@code spec.nodeName}, written as {@code node} (null as empty)
   * @param amounts requests or limits; null means none; a null quantity counts as zero, like Go's
   *     zero {@code Quantity}
   * @throws IllegalArgumentException for an unparsable quantity
   */
  static void write(String container, String node, Map<String, Quantity> amounts, Samples out) {
    if (amounts == null) {
      return;
    }
    for (Map.Entry<String, Quantity> e : amounts.entrySet()) {
      List<Unit> units = ResourceNames.units(e.getKey());
      for (int i = 0; i < units.size(); i++) {
        Unit unit = units.get(i);
        Quantity q = e.getValue();
        double value = unit == Unit.CORE ? Quantities.milliFloat(q) : Quantities.integer(q);
        out.begin()
            .label("container", container)
            .label("node", node)
            .label("resource", LabelNames.sanitizeResourceName(e.getKey()))
            .label("unit", unit.label())
            .value(value);
      }
    }
  }
}
