package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import dev.kubestate.exporter.metrics.StateSet;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import java.util.List;

/** Namespace families ({@code namespaces}); identity {@code namespace} (the object's name). */
public final class Namespaces extends KubernetesKind<Namespace> {

  /** Always both samples, both 0 when the phase is empty (ksm-behaviour.md 14). */
  private static final StateSet PHASE = StateSet.of("phase", "Active", "Terminating");

  public Namespaces() {
    super(Namespace.class, Identity.named("namespace"));
  }

  @Override
  public List<Family<Namespace>> families(ResourceOptions options) {
    return List.of(
        created("kube_namespace_created", STABLE),
        annotations("kube_namespace_annotations", ALPHA, options),
        labels("kube_namespace_labels", STABLE, options),
        gauge("kube_namespace_status_phase", "kubernetes namespace status phase.", STABLE,
            (ns, out) -> PHASE.write(out, status(ns).getPhase())),
        gauge("kube_namespace_status_condition", "The condition of a namespace.", ALPHA,
            Namespaces::conditions));
  }

  private static NamespaceStatus status(Namespace ns) {
    return orZero(ns.getStatus(), NamespaceStatus::new);
  }

  private static void conditions(Namespace ns, Samples out) {
    for (NamespaceCondition c : items(status(ns).getConditions(), NamespaceCondition::new)) {
      Conditions.STATUS.write(out.begin().label("condition", c.getType()), c.getStatus());
    }
  }
}
