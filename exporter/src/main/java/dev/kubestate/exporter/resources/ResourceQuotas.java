package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaStatus;
import java.util.List;
import java.util.Map;

/**
 * ResourceQuota families ({@code resourcequotas}); identity {@code namespace}, {@code
 * resourcequota}.
 */
public final class ResourceQuotas extends KubernetesKind<ResourceQuota> {

  public ResourceQuotas() {
    super(ResourceQuota.class);
  }

  @Override
  public List<Family<ResourceQuota>> families(ResourceOptions options) {
    return List.of(
        created("kube_resourcequota_created", STABLE),
        gauge("kube_resourcequota", "Information about resource quota.", STABLE,
            ResourceQuotas::quota),
        annotations("kube_resourcequota_annotations", ALPHA, options),
        labels("kube_resourcequota_labels", STABLE, options));
  }

  private static ResourceQuotaStatus status(ResourceQuota r) {
    return orZero(r.getStatus(), ResourceQuotaStatus::new);
  }

  /** Every {@code status.hard} entry, then every {@code status.used} entry; spec is not read. */
  private static void quota(ResourceQuota r, Samples out) {
    quantities(status(r).getHard(), "hard", out);
    quantities(status(r).getUsed(), "used", out);
  }

  /**
   * One sample per entry: {@code resource} is the raw name ({@code requests.cpu}, {@code
   * count/pods}) and the value a milli float, a JSON {@code null} read as Go's zero quantity
   * (ksm-behaviour.md 6).
   *
   * @throws IllegalArgumentException for an unparsable quantity
   */
  private static void quantities(Map<String, Quantity> quantities, String type, Samples out) {
    if (quantities == null) {
      return;
    }
    for (Map.Entry<String, Quantity> e : quantities.entrySet()) {
      double v = Quantities.milliFloat(e.getValue());
      out.begin().label("resource", e.getKey()).label("type", type).value(v);
    }
  }
}
