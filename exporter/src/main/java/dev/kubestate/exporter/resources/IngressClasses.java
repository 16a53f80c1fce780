package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassSpec;
import java.util.List;

/**
 * IngressClass families ({@code ingressclasses}, cluster-scoped); identity {@code ingressclass}.
 * One of KSM's opt-in resources: enabled only when {@code --resources} names it
 * (ksm-behaviour.md 1).
 */
public final class IngressClasses extends KubernetesKind<IngressClass> {

  public IngressClasses() {
    super(IngressClass.class);
  }

  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public List<Family<IngressClass>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_ingressclass_info", "Information about ingressclass.", ALPHA,
            (c, out) -> out.sample("controller", spec(c).getController(), 1)),
        created("kube_ingressclass_created", ALPHA),
        annotations("kube_ingressclass_annotations", ALPHA, options),
        labels("kube_ingressclass_labels", ALPHA, options));
  }

  private static IngressClassSpec spec(IngressClass c) {
    return orZero(c.getSpec(), IngressClassSpec::new);
  }
}
