package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;

/**
 * ConfigMap families ({@code configmaps}); identity {@code namespace}, {@code configmap}. Only
 * metadata is exported: {@code data} and {@code binaryData} are never read, so ConfigMaps are
 * {@linkplain #metadataOnly() listed and watched as metadata only}. Immutable and thread-safe.
 */
public final class ConfigMaps extends KubernetesKind<ConfigMap> {

  public ConfigMaps() {
    super(ConfigMap.class);
  }

  /** Every family reads metadata alone. */
  @Override
  public boolean metadataOnly() {
    return true;
  }

  @Override
  public List<Family<ConfigMap>> families(ResourceOptions options) {
    return List.of(
        annotations("kube_configmap_annotations", ALPHA, options),
        labels("kube_configmap_labels", STABLE, options),
        gauge("kube_configmap_info", "Information about configmap.", STABLE,
            (cm, out) -> out.sample(1)),
        created("kube_configmap_created", STABLE),
        resourceVersion("kube_configmap_metadata_resource_version",
            "Resource version representing a specific version of the configmap.", ALPHA));
  }
}
