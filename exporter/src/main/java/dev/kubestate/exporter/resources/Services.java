package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import java.util.List;

/** Service families ({@code services}); identity namespace, service, uid. */
public final class Services extends KubernetesKind<Service> {

  public Services() {
    super(Service.class, Identity.<Service>namespaced("service").andUid());
  }

  @Override
  public List<Family<Service>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_service_info", "Information about service.", STABLE, Services::info),
        created("kube_service_created", STABLE),
        gauge("kube_service_spec_type", "Type about service.", STABLE,
            (s, out) -> out.sample("type", spec(s).getType(), 1)),
        annotations("kube_service_annotations", ALPHA, options),
        labels("kube_service_labels", STABLE, options),
        gauge("kube_service_spec_external_ip", "Service external ips. One series for each ip",
            STABLE, Services::externalIps),
        gauge("kube_service_status_load_balancer_ingress",
            "Service load balancer ingress status", STABLE, Services::loadBalancerIngress),
        deletionTimestamp("kube_service_deletion_timestamp", ALPHA));
  }

  private static ServiceSpec spec(Service s) {
    return orZero(s.getSpec(), ServiceSpec::new);
  }

  private static void info(Service s, Samples out) {
    ServiceSpec spec = spec(s);
    out.begin()
        .label("cluster_ip", spec.getClusterIP())
        .label("external_name", spec.getExternalName())
        .label("load_balancer_ip", spec.getLoadBalancerIP())
        .label("external_traffic_policy", spec.getExternalTrafficPolicy())
        .value(1);
  }

  private static void externalIps(Service s, Samples out) {
    for (String ip : items(spec(s).getExternalIPs())) {
      out.sample("external_ip", ip, 1);
    }
  }

  private static void loadBalancerIngress(Service s, Samples out) {
    ServiceStatus status = orZero(s.getStatus(), ServiceStatus::new);
    LoadBalancerStatus lb = orZero(status.getLoadBalancer(), LoadBalancerStatus::new);
    for (LoadBalancerIngress i : items(lb.getIngress(), LoadBalancerIngress::new)) {
      out.begin().label("ip", i.getIp()).label("hostname", i.getHostname()).value(1);
    }
  }
}
