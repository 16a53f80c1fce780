package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.LimitRangeSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;

/**
 * LimitRange families ({@code limitranges}); identity {@code namespace}, {@code limitrange}. KSM
 * gives this kind no labels or annotations family (reference/ksm-behaviour.md 1). Immutable and
 * thread-safe.
 */
public final class LimitRanges extends KubernetesKind<LimitRange> {

  public LimitRanges() {
    super(LimitRange.class);
  }

  @Override
  public List<Family<LimitRange>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_limitrange", "Information about limit range.", STABLE, LimitRanges::limits),
        created("kube_limitrange_created", STABLE));
  }

  /**
   * Per {@code spec.limits} entry, one sample per resource of its {@code min}, {@code max}, {@code
   * default}, {@code defaultRequest} and {@code maxLimitRequestRatio} maps, in that order, with
   * the raw resource name ({@code requests.cpu} stays as is) and the quantity as a milli float
   * (reference/ksm-behaviour.md 6). KSM iterates Go maps, so the order of resources within one
   * map is unspecified there; here it is the map's.
   *
   * @throws IllegalArgumentException (from the generator) for an unparsable quantity
   */
  private static void limits(LimitRange lr, Samples out) {
    LimitRangeSpec spec = orZero(lr.getSpec(), LimitRangeSpec::new);
    for (LimitRangeItem item : items(spec.getLimits(), LimitRangeItem::new)) {
      constraint(out, item, "min", item.getMin());
      constraint(out, item, "max", item.getMax());
      constraint(out, item, "default", item.getDefault());
      constraint(out, item, "defaultRequest", item.getDefaultRequest());
      constraint(out, item, "maxLimitRequestRatio", item.getMaxLimitRequestRatio());
    }
  }

  /** A null quantity counts as zero, as Go's zero {@code Quantity}. */
  private static void constraint(
      Samples out, LimitRangeItem item, String constraint, Map<String, Quantity> quantities) {
    if (quantities == null) {
      return;
    }
    for (Map.Entry<String, Quantity> e : quantities.entrySet()) {
      double value = e.getValue() == null ? 0 : Quantities.milliFloat(e.getValue());
      out.begin()
          .label("resource", e.getKey())
          .label("type", item.getType())
          .label("constraint", constraint)
          .value(value);
    }
  }
}
