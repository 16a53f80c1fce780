package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.List;

/**
 * RoleBinding families ({@code rolebindings}, opt-in); identity {@code namespace}, {@code
 * rolebinding}. KSM exports the granted role, not the subjects.
 */
public final class RoleBindings extends KubernetesKind<RoleBinding> {

  public RoleBindings() {
    super(RoleBinding.class);
  }

  /** Opt-in: enabled only when {@code --resources} names it (ksm-behaviour.md section 1). */
  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public List<Family<RoleBinding>> families(ResourceOptions options) {
    return List.of(
        annotations("kube_rolebinding_annotations", ALPHA, options),
        labels("kube_rolebinding_labels", ALPHA, options),
        gauge("kube_rolebinding_info", "Information about rolebinding.", ALPHA,
            (b, out) -> RoleRefs.info(b.getRoleRef(), out)),
        created("kube_rolebinding_created", ALPHA),
        resourceVersion("kube_rolebinding_metadata_resource_version",
            "Resource version representing a specific version of the rolebinding.", ALPHA));
  }
}
