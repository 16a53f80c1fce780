package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.LabelNames;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * Container resource requests and limits as KSM exports them (reference/ksm-behaviour.md 6): one
 * sample per resource with labels {@code container}, {@code node}, {@code resource} (the name with
 * every character outside {@code [a-zA-Z0-9_]} replaced by {@code _}) and {@code unit}.
 *
 * <ul>
 *   <li>{@code cpu}: unit {@code core}, milli-float value ({@code 250m} gives 0.25);
 *   <li>{@code memory}, {@code storage}, {@code ephemeral-storage}, {@code hugepages-*} and {@code
 *       attachable-volumes-*}: unit {@code byte}, value rounded up to a whole number;
 *   <li>extended resources ({@link ResourceNames#isExtended}): unit {@code integer}, value rounded up;
 *   <li>any other name (a plain {@code foo}, {@code kubernetes.io/x}): no sample.
 * </ul>
 *
 * The checks for hugepages, attachable volumes and extended resources are independent, as in KSM,
 * so a name such as {@code hugepages-x/y} yields both a {@code byte} and an {@code integer} sample.
 * Stateless; allocates only label strings.
 */
public final class ContainerResources {

  /** {@code unit} label of cpu. */
  public static final String CORE = "core";

  /** {@code unit} label of memory, storage, huge pages and attachable volumes. */
  public static final String BYTE = "byte";

  /** {@code unit} label of extended resources. */
  public static final String INTEGER = "integer";

  private ContainerResources() {}

  /**
   * Writes one sample per exportable entry of {@code amounts}, in map order.
   *
   * @param container the container name, written as {@code container}
   * @param node the pod's {@code spec.nodeName}, written as {@code node} (null as empty)
   * @param amounts requests or limits; null means none; a null quantity counts as zero, like Go's
   *     zero {@code Quantity}
   * @throws IllegalArgumentException for an unparsable quantity
   */
  public static void write(
      String container, String node, Map<String, Quantity> amounts, Samples out) {
    if (amounts == null) {
      return;
    }
    for (Map.Entry<String, Quantity> e : amounts.entrySet()) {
      String name = e.getKey();
      Quantity q = e.getValue();
      switch (name) {
        case "cpu" -> sample(container, node, name, CORE, cores(q), out);
        case "memory", "storage", "ephemeral-storage" ->
            sample(container, node, name, BYTE, whole(q), out);
        default -> {
          if (ResourceNames.isHugePages(name)) {
            sample(container, node, name, BYTE, whole(q), out);
          }
          if (ResourceNames.isAttachableVolumes(name)) {
            sample(container, node, name, BYTE, whole(q), out);
          }
          if (ResourceNames.isExtended(name)) {
            sample(container, node, name, INTEGER, whole(q), out);
          }
        }
      }
    }
  }

  private static void sample(
      String container, String node, String resource, String unit, double value, Samples out) {
    out.begin()
        .label("container", container)
        .label("node", node)
        .label("resource", LabelNames.sanitizeResourceName(resource))
        .label("unit", unit)
        .value(value);
  }

  private static double cores(Quantity q) {
    return q == null ? 0 : Quantities.milliFloat(q);
  }

  private static double whole(Quantity q) {
    return q == null ? 0 : Quantities.integer(q);
  }
}
