package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.DeclaredKind;
import dev.kubestate.exporter.metrics.DeclaredKind.Scope;
import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.IdentityLabels;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.List;

/**
 * Service families ({@code services}). Identity labels: {@code namespace}, {@code service}, {@code
 * uid}.
 */
public final class Services extends DeclaredKind<Service> {

  public Services() {
    super("services", Service.class, "*v1.Service", Scope.NAMESPACED, true);
  }

  @Override
  public void identity(Service service, IdentityLabels out) {
    ObjectMeta meta = Metadata.meta(service);
    out.add("namespace", meta.getNamespace())
        .add("service", meta.getName())
        .add("uid", meta.getUid());
  }

  @Override
  public List<Family<Service>> families(ResourceOptions options) {
    return List.of(
        Family.<Service>gauge("kube_service_info", "Information about service.")
            .stable()
            .with(Services::info),
        Family.<Service>gauge("kube_service_created", "Unix creation timestamp")
            .stable()
            .with(Metadata::created),
        Family.<Service>gauge("kube_service_spec_type", "Type about service.")
            .stable()
            .with((s, out) -> out.sample("type", spec(s).getType(), 1)),
        Metadata.annotations("kube_service_annotations", options.annotations()),
        Metadata.labels("kube_service_labels", options.labels()),
        Family.<Service>gauge(
                "kube_service_spec_external_ip", "Service external ips. One series for each ip")
            .stable()
            .with(Services::externalIps),
        Family.<Service>gauge(
                "kube_service_status_load_balancer_ingress", "Service load balancer ingress status")
            .stable()
            .with(Services::loadBalancerIngress),
        Family.<Service>gauge("kube_service_deletion_timestamp", "Unix deletion timestamp")
            .with(Metadata::deletionTimestamp));
  }

  private static ServiceSpec spec(Service s) {
    return s.getSpec() != null ? s.getSpec() : new ServiceSpec();
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
    List<String> ips = spec(s).getExternalIPs();
    if (ips == null) {
      return;
    }
    for (String ip : ips) {
      out.sample("external_ip", ip, 1);
    }
  }

  private static void loadBalancerIngress(Service s, Samples out) {
    if (s.getStatus() == null || s.getStatus().getLoadBalancer() == null) {
      return;
    }
    List<LoadBalancerIngress> ingress = s.getStatus().getLoadBalancer().getIngress();
    if (ingress == null) {
      return;
    }
    for (LoadBalancerIngress i : ingress) {
      LoadBalancerIngress entry = i != null ? i : new LoadBalancerIngress();
      out.begin().label("ip", entry.getIp()).label("hostname", entry.getHostname()).value(1);
    }
  }
}
