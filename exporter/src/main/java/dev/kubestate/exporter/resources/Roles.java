package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.util.List;

/**
 * Role families ({@code roles}, opt-in); identity {@code namespace}, {@code role}. KSM exports no
 * rule of the role, only that it exists.
 */
public final class Roles extends KubernetesKind<Role> {

  public Roles() {
    super(Role.class);
  }

  /** Opt-in: enabled only when {@code --resources} names it (ksm-behaviour.md section 1). */
  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public List<Family<Role>> families(ResourceOptions options) {
    return List.of(
        annotations("kube_role_annotations", ALPHA, options),
        labels("kube_role_labels", ALPHA, options),
        gauge("kube_role_info", "Information about role.", ALPHA, (r, out) -> out.sample(1)),
        created("kube_role_created", ALPHA),
        resourceVersion("kube_role_metadata_resource_version",
            "Resource version representing a specific version of the role.", ALPHA));
  }
}
