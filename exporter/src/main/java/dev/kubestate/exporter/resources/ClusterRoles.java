package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import java.util.List;

/**
 * ClusterRole families ({@code clusterroles}, opt-in); identity {@code clusterrole}. KSM exports
 * no rule of the role, only that it exists.
 */
public final class ClusterRoles extends KubernetesKind<ClusterRole> {

  public ClusterRoles() {
    super(ClusterRole.class);
  }

  /** Opt-in: enabled only when {@code --resources} names it (ksm-behaviour.md section 1). */
  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public List<Family<ClusterRole>> families(ResourceOptions options) {
    return List.of(
        annotations("kube_clusterrole_annotations", ALPHA, options),
        labels("kube_clusterrole_labels", ALPHA, options),
        gauge("kube_clusterrole_info", "Information about cluster role.", ALPHA,
            (r, out) -> out.sample(1)),
        created("kube_clusterrole_created", ALPHA),
        resourceVersion("kube_clusterrole_metadata_resource_version",
            "Resource version representing a specific version of the cluster role.", ALPHA));
  }
}
