package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.TypedLocalObjectReference;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressRuleValue;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressSpec;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import java.util.List;
import java.util.Map;

/** Ingress families ({@code ingresses}); identity {@code namespace}, {@code ingress}. */
public final class Ingresses extends KubernetesKind<Ingress> {

  /** The legacy class annotation, which wins over {@code spec.ingressClassName}. */
  private static final String CLASS_ANNOTATION = "kubernetes.io/ingress.class";

  public Ingresses() {
    super(Ingress.class);
  }

  @Override
  public List<Family<Ingress>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_ingress_info", "Information about ingress.", STABLE,
            (i, out) -> out.sample("ingressclass", ingressClass(i), 1)),
        annotations("kube_ingress_annotations", ALPHA, options),
        labels("kube_ingress_labels", STABLE, options),
        created("kube_ingress_created", STABLE),
        resourceVersion("kube_ingress_metadata_resource_version",
            "Resource version representing a specific version of ingress.", ALPHA),
        gauge("kube_ingress_path", "Ingress host, paths and backend service information.", STABLE,
            Ingresses::path),
        gauge("kube_ingress_tls", "Ingress TLS host and secret information.", STABLE,
            Ingresses::tls));
  }

  private static IngressSpec spec(Ingress i) {
    return orZero(i.getSpec(), IngressSpec::new);
  }

  /**
   * The annotation when present (even empty), else {@code spec.ingressClassName} when set (even
   * empty), else {@code _default} (ksm-behaviour.md 14).
   */
  private static String ingressClass(Ingress i) {
    Map<String, String> annotations = Metadata.meta(i).getAnnotations();
    if (annotations != null && annotations.containsKey(CLASS_ANNOTATION)) {
      String annotated = annotations.get(CLASS_ANNOTATION);
      return annotated == null ? "" : annotated;
    }
    String className = spec(i).getIngressClassName();
    return className != null ? className : "_default";
  }

  /**
   * One sample per path of every rule with an {@code http} value: a service backend gives {@code
   * service_name}, {@code service_port} (the port number, 0 for a named port); any other backend
   * gives {@code resource_api_group}, {@code resource_kind}, {@code resource_name} instead
   * (ksm-behaviour.md 15 item 11). A backend with neither, which the API server rejects, reads as
   * an empty resource backend.
   */
  private static void path(Ingress i, Samples out) {
    for (IngressRule rule : items(spec(i).getRules(), IngressRule::new)) {
      HTTPIngressRuleValue http = rule.getHttp();
      if (http == null) {
        continue;
      }
      for (HTTPIngressPath path : items(http.getPaths(), HTTPIngressPath::new)) {
        IngressBackend backend = orZero(path.getBackend(), IngressBackend::new);
        Samples sample = out.begin()
            .label("host", rule.getHost())
            .label("path", path.getPath())
            .label("path_type", path.getPathType());
        IngressServiceBackend service = backend.getService();
        if (service != null) {
          ServiceBackendPort port = orZero(service.getPort(), ServiceBackendPort::new);
          Integer number = port.getNumber();
          sample.label("service_name", service.getName())
              .label("service_port", Integer.toString(number == null ? 0 : number))
              .value(1);
        } else {
          TypedLocalObjectReference resource =
              orZero(backend.getResource(), TypedLocalObjectReference::new);
          sample.label("resource_api_group", resource.getApiGroup())
              .label("resource_kind", resource.getKind())
              .label("resource_name", resource.getName())
              .value(1);
        }
      }
    }
  }

  /** One sample per host of every TLS entry, with the entry's secret. */
  private static void tls(Ingress i, Samples out) {
    for (IngressTLS tls : items(spec(i).getTls(), IngressTLS::new)) {
      for (String host : items(tls.getHosts())) {
        out.begin().label("tls_host", host).label("secret", tls.getSecretName()).value(1);
      }
    }
  }
}
