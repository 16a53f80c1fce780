package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.List;

/** StorageClass families ({@code storageclasses}); identity {@code storageclass}. */
public final class StorageClasses extends KubernetesKind<StorageClass> {

  /**
   * KSM's {@code reclaim_policy} when {@code reclaimPolicy} is unset (a nil pointer): the API's
   * default policy. An explicitly empty policy stays empty.
   */
  private static final String DEFAULT_RECLAIM_POLICY = "Delete";

  /** KSM's {@code volume_binding_mode} when {@code volumeBindingMode} is unset (nil pointer). */
  private static final String DEFAULT_VOLUME_BINDING_MODE = "Immediate";

  public StorageClasses() {
    super(StorageClass.class);
  }

  @Override
  public List<Family<StorageClass>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_storageclass_info", "Information about storageclass.", STABLE,
            StorageClasses::info),
        created("kube_storageclass_created", STABLE),
        annotations("kube_storageclass_annotations", ALPHA, options),
        labels("kube_storageclass_labels", STABLE, options));
  }

  private static void info(StorageClass sc, Samples out) {
    String reclaimPolicy = sc.getReclaimPolicy();
    String bindingMode = sc.getVolumeBindingMode();
    out.begin()
        .label("provisioner", sc.getProvisioner())
        .label("reclaim_policy", reclaimPolicy != null ? reclaimPolicy : DEFAULT_RECLAIM_POLICY)
        .label("volume_binding_mode",
            bindingMode != null ? bindingMode : DEFAULT_VOLUME_BINDING_MODE)
        .value(1);
  }
}
