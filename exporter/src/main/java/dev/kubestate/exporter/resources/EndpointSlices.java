package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointConditions;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointHints;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.ForZone;
import java.util.List;

/**
 * EndpointSlice families ({@code endpointslices}); identity {@code endpointslice}, then {@code
 * namespace}: the reverse of KSM's usual order (ksm-behaviour.md 14).
 */
public final class EndpointSlices extends KubernetesKind<EndpointSlice> {

  public EndpointSlices() {
    super(EndpointSlice.class, Identity.<EndpointSlice>named("endpointslice").andNamespace());
  }

  @Override
  public List<Family<EndpointSlice>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_endpointslice_info", "Information about endpointslice.", ALPHA,
            (s, out) -> out.sample("addresstype", s.getAddressType(), 1)),
        created("kube_endpointslice_created", ALPHA),
        gauge("kube_endpointslice_endpoints_hints", "Topology routing hints attached to endpoints",
            ALPHA, EndpointSlices::endpointsHints),
        gauge("kube_endpointslice_endpoints", "Endpoints attached to the endpointslice.", ALPHA,
            EndpointSlices::endpoints),
        gauge("kube_endpointslice_ports", "Ports attached to the endpointslice.", ALPHA,
            EndpointSlices::ports),
        annotations("kube_endpointslice_annotations", ALPHA, options),
        labels("kube_endpointslice_labels", ALPHA, options));
  }

  /**
   * One sample per zone hint of every endpoint that has zone hints and an address, labelled with
   * the endpoint's first address only (vectors 06 and 08).
   */
  private static void endpointsHints(EndpointSlice s, Samples out) {
    for (Endpoint e : items(s.getEndpoints(), Endpoint::new)) {
      EndpointHints hints = e.getHints();
      List<String> addresses = items(e.getAddresses());
      if (hints == null || addresses.isEmpty()) {
        continue;
      }
      for (ForZone zone : items(hints.getForZones(), ForZone::new)) {
        out.begin().label("address", addresses.get(0)).label("for_zone", zone.getName()).value(1);
      }
    }
  }

  /**
   * One sample per address of every endpoint; the conditions as {@code "true"}/{@code "false"},
   * empty when unset, and every unset optional field empty.
   */
  private static void endpoints(EndpointSlice s, Samples out) {
    for (Endpoint e : items(s.getEndpoints(), Endpoint::new)) {
      EndpointConditions conditions = orZero(e.getConditions(), EndpointConditions::new);
      ObjectReference target = orZero(e.getTargetRef(), ObjectReference::new);
      for (String address : items(e.getAddresses())) {
        out.begin()
            .label("ready", bool(conditions.getReady()))
            .label("serving", bool(conditions.getServing()))
            .label("hostname", e.getHostname())
            .label("terminating", bool(conditions.getTerminating()))
            .label("targetref_kind", target.getKind())
            .label("targetref_name", target.getName())
            .label("targetref_namespace", target.getNamespace())
            .label("endpoint_nodename", e.getNodeName())
            .label("endpoint_zone", e.getZone())
            .label("address", address)
            .value(1);
      }
    }
  }

  /** A condition as Go formats a bool, or null (written empty) when unset. */
  private static String bool(Boolean condition) {
    return condition == null ? null : condition.toString();
  }

  /** One sample per port; an unset name, protocol or number gives an empty label. */
  private static void ports(EndpointSlice s, Samples out) {
    for (EndpointPort p : items(s.getPorts(), EndpointPort::new)) {
      Integer number = p.getPort();
      out.begin()
          .label("port_name", p.getName())
          .label("port_protocol", p.getProtocol())
          .label("port_number", number == null ? null : number.toString())
          .value(1);
    }
  }
}
