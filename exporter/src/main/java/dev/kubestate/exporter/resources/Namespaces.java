package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.DeclaredKind;
import dev.kubestate.exporter.metrics.DeclaredKind.Scope;
import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.IdentityLabels;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import java.util.List;

/** Namespace families ({@code namespaces}). Identity label: {@code namespace}. */
public final class Namespaces extends DeclaredKind<Namespace> {

  public Namespaces() {
    super("namespaces", Namespace.class, "*v1.Namespace", Scope.CLUSTER, true);
  }

  @Override
  public void identity(Namespace ns, IdentityLabels out) {
    out.add("namespace", Metadata.meta(ns).getName());
  }

  @Override
  public List<Family<Namespace>> families(ResourceOptions options) {
    return List.of(
        Family.<Namespace>gauge("kube_namespace_created", "Unix creation timestamp")
            .stable()
            .with(Metadata::created),
        Metadata.annotations("kube_namespace_annotations", options.annotations()),
        Metadata.labels("kube_namespace_labels", options.labels()),
        Family.<Namespace>gauge("kube_namespace_status_phase", "kubernetes namespace status phase.")
            .stable()
            .with(Namespaces::phase),
        Family.<Namespace>gauge("kube_namespace_status_condition", "The condition of a namespace.")
            .with(Namespaces::conditions));
  }

  private static void phase(Namespace ns, Samples out) {
    String phase = ns.getStatus() == null ? null : ns.getStatus().getPhase();
    out.sample("phase", "Active", "Active".equals(phase) ? 1 : 0);
    out.sample("phase", "Terminating", "Terminating".equals(phase) ? 1 : 0);
  }

  private static void conditions(Namespace ns, Samples out) {
    if (ns.getStatus() == null || ns.getStatus().getConditions() == null) {
      return;
    }
    for (NamespaceCondition c : ns.getStatus().getConditions()) {
      Conditions.write(out, "condition", c.getType(), "status", c.getStatus());
    }
  }
}
