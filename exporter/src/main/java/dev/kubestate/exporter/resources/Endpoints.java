package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.items;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import java.util.List;

/**
 * Endpoints families ({@code endpoints}); identity {@code namespace}, {@code endpoint} (KSM's
 * label, not the lower-cased kind). One of KSM's opt-in resources since v2.18.0: exported only
 * when {@code --resources} names it (reference/ksm-behaviour.md 1 and 15.2). fabric8's object
 * class shares this class's name, so it is written fully qualified. Immutable and thread-safe.
 */
public final class Endpoints extends KubernetesKind<io.fabric8.kubernetes.api.model.Endpoints> {

  public Endpoints() {
    super(io.fabric8.kubernetes.api.model.Endpoints.class, Identity.namespaced("endpoint"));
  }

  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public List<Family<io.fabric8.kubernetes.api.model.Endpoints>> families(
      ResourceOptions options) {
    return List.of(
        gauge("kube_endpoint_info", "Information about endpoint.", STABLE,
            (e, out) -> out.sample(1)),
        created("kube_endpoint_created", STABLE),
        annotations("kube_endpoint_annotations", ALPHA, options),
        labels("kube_endpoint_labels", STABLE, options),
        gauge("kube_endpoint_address",
            "Information about Endpoint available and non available addresses.", STABLE,
            Endpoints::address),
        gauge("kube_endpoint_ports", "Information about the Endpoint ports.", STABLE,
            Endpoints::ports).deprecatedSince("v2.14.0"));
  }

  private static List<EndpointSubset> subsets(io.fabric8.kubernetes.api.model.Endpoints e) {
    return items(e.getSubsets(), EndpointSubset::new);
  }

  /**
   * Per subset, per port: one sample per ready address ({@code ready="true"}), then one per
   * not-ready address ({@code ready="false"}), all in list order.
   */
  private static void address(io.fabric8.kubernetes.api.model.Endpoints e, Samples out) {
    for (EndpointSubset subset : subsets(e)) {
      List<EndpointAddress> ready = items(subset.getAddresses(), EndpointAddress::new);
      List<EndpointAddress> notReady = items(subset.getNotReadyAddresses(), EndpointAddress::new);
      for (EndpointPort port : items(subset.getPorts(), EndpointPort::new)) {
        String number = portNumber(port);
        for (EndpointAddress a : ready) {
          addressSample(out, port, number, a, "true");
        }
        for (EndpointAddress a : notReady) {
          addressSample(out, port, number, a, "false");
        }
      }
    }
  }

  private static void addressSample(
      Samples out, EndpointPort port, String number, EndpointAddress a, String ready) {
    out.begin()
        .label("port_protocol", port.getProtocol())
        .label("port_number", number)
        .label("port_name", port.getName())
        .label("ip", a.getIp())
        .label("ready", ready)
        .value(1);
  }

  /** One sample per port of every subset, in list order; labels name, protocol, number. */
  private static void ports(io.fabric8.kubernetes.api.model.Endpoints e, Samples out) {
    for (EndpointSubset subset : subsets(e)) {
      for (EndpointPort port : items(subset.getPorts(), EndpointPort::new)) {
        out.begin()
            .label("port_name", port.getName())
            .label("port_protocol", port.getProtocol())
            .label("port_number", portNumber(port))
            .value(1);
      }
    }
  }

  /** The port in decimal; {@code 0} when unset, Go's zero value. */
  private static String portNumber(EndpointPort port) {
    return port.getPort() == null ? "0" : Integer.toString(port.getPort());
  }
}
