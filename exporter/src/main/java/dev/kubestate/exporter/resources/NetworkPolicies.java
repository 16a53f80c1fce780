package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.List;

/**
 * NetworkPolicy families ({@code networkpolicies}); identity {@code namespace}, {@code
 * networkpolicy}.
 */
public final class NetworkPolicies extends KubernetesKind<NetworkPolicy> {

  public NetworkPolicies() {
    super(NetworkPolicy.class);
  }

  @Override
  public List<Family<NetworkPolicy>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_networkpolicy_created", "Unix creation timestamp of network policy", ALPHA,
            NetworkPolicies::created),
        annotations("kube_networkpolicy_annotations", ALPHA, options),
        labels("kube_networkpolicy_labels", ALPHA, options),
        gauge("kube_networkpolicy_spec_ingress_rules",
            "Number of ingress rules on the networkpolicy", ALPHA,
            (n, out) -> out.sample(items(spec(n).getIngress()).size())),
        gauge("kube_networkpolicy_spec_egress_rules",
            "Number of egress rules on the networkpolicy", ALPHA,
            (n, out) -> out.sample(items(spec(n).getEgress()).size())));
  }

  /**
   * The creation time in unix seconds; unlike every other {@code _created} family also when unset,
   * as Go's zero time (ksm-behaviour.md 6 and 15 item 24).
   */
  private static void created(NetworkPolicy n, Samples out) {
    out.sample(Timestamps.secondsOrZeroTime(Metadata.meta(n).getCreationTimestamp()));
  }

  private static NetworkPolicySpec spec(NetworkPolicy n) {
    return orZero(n.getSpec(), NetworkPolicySpec::new);
  }
}
