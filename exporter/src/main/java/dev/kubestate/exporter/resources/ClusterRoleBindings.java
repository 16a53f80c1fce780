package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.util.List;

/**
 * ClusterRoleBinding families ({@code clusterrolebindings}, opt-in); identity {@code
 * clusterrolebinding}. KSM exports the granted role, not the subjects.
 */
public final class ClusterRoleBindings extends KubernetesKind<ClusterRoleBinding> {

  public ClusterRoleBindings() {
    super(ClusterRoleBinding.class);
  }

  /** Opt-in: enabled only when {@code --resources} names it (ksm-behaviour.md section 1). */
  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public List<Family<ClusterRoleBinding>> families(ResourceOptions options) {
    return List.of(
        annotations("kube_clusterrolebinding_annotations", ALPHA, options),
        labels("kube_clusterrolebinding_labels", ALPHA, options),
        gauge("kube_clusterrolebinding_info", "Information about clusterrolebinding.", ALPHA,
            (b, out) -> RoleRefs.info(b.getRoleRef(), out)),
        created("kube_clusterrolebinding_created", ALPHA),
        resourceVersion("kube_clusterrolebinding_metadata_resource_version",
            "Resource version representing a specific version of the clusterrolebinding.", ALPHA));
  }
}
