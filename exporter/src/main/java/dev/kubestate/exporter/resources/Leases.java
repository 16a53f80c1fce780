package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseSpec;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Lease families ({@code leases}); identity {@code lease} alone although leases are namespaced:
 * each family writes {@code namespace} itself, after its own labels (ksm-behaviour.md 14). KSM
 * declares no labels or annotations families for leases.
 */
public final class Leases extends KubernetesKind<Lease> {

  public Leases() {
    super(Lease.class, Identity.named("lease"));
  }

  @Override
  public List<Family<Lease>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_lease_owner", "Information about the Lease's owner.", ALPHA, Leases::owner),
        gauge("kube_lease_renew_time", "Kube lease renew time.", ALPHA, Leases::renewTime));
  }

  private static LeaseSpec spec(Lease l) {
    return orZero(l.getSpec(), LeaseSpec::new);
  }

  /**
   * One sample per owner reference, or one with empty owner labels when there are none; each
   * with {@code owner_kind}, {@code owner_name}, {@code namespace}, {@code lease_holder} (empty
   * without a holder), and no {@code owner_is_controller}.
   */
  private static void owner(Lease l, Samples out) {
    ObjectMeta meta = Metadata.meta(l);
    String holder = spec(l).getHolderIdentity();
    List<OwnerReference> owners = items(meta.getOwnerReferences(), OwnerReference::new);
    if (owners.isEmpty()) {
      owner("", "", meta.getNamespace(), holder, out);
    }
    for (OwnerReference owner : owners) {
      owner(owner.getKind(), owner.getName(), meta.getNamespace(), holder, out);
    }
  }

  private static void owner(
      String kind, String name, String namespace, String holder, Samples out) {
    out.begin()
        .label("owner_kind", kind)
        .label("owner_name", name)
        .label("namespace", namespace)
        .label("lease_holder", holder)
        .value(1);
  }

  /**
   * {@code spec.renewTime} in unix seconds, its microseconds truncated (ksm-behaviour.md 6); no
   * sample when unset or Go's zero time, which Go reads as unset.
   */
  private static void renewTime(Lease l, Samples out) {
    ZonedDateTime renewed = spec(l).getRenewTime();
    if (renewed == null) {
      return;
    }
    long seconds = renewed.toEpochSecond();
    if (seconds == Timestamps.GO_ZERO_TIME_SECONDS && renewed.getNano() == 0) {
      return;
    }
    out.sample("namespace", Metadata.meta(l).getNamespace(), seconds);
  }
}
