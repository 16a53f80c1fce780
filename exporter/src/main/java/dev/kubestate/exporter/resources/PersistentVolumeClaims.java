package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import dev.kubestate.exporter.metrics.StateSet;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimCondition;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeResourceRequirements;
import java.util.List;
import java.util.Map;

/**
 * PersistentVolumeClaim families ({@code persistentvolumeclaims}); identity {@code namespace},
 * {@code persistentvolumeclaim}.
 */
public final class PersistentVolumeClaims extends KubernetesKind<PersistentVolumeClaim> {

  /** No samples when the phase is empty; all 0 for any other phase (ksm-behaviour.md 14). */
  private static final StateSet PHASE =
      StateSet.of("phase", "Lost", "Bound", "Pending").noneWhenEmpty();

  /** The beta annotation that, when present, names the storage class instead of the spec. */
  private static final String BETA_STORAGE_CLASS = "volume.beta.kubernetes.io/storage-class";

  public PersistentVolumeClaims() {
    super(PersistentVolumeClaim.class);
  }

  @Override
  public List<Family<PersistentVolumeClaim>> families(ResourceOptions options) {
    return List.of(
        labels("kube_persistentvolumeclaim_labels", STABLE, options),
        annotations("kube_persistentvolumeclaim_annotations", ALPHA, options),
        gauge("kube_persistentvolumeclaim_info", "Information about persistent volume claim.",
            STABLE, PersistentVolumeClaims::info),
        gauge("kube_persistentvolumeclaim_status_phase",
            "The phase the persistent volume claim is currently in.", STABLE,
            (pvc, out) -> PHASE.write(out, status(pvc).getPhase())),
        gauge("kube_persistentvolumeclaim_resource_requests_storage_bytes",
            "The capacity of storage requested by the persistent volume claim.", STABLE,
            PersistentVolumeClaims::requestedStorageBytes),
        gauge("kube_persistentvolumeclaim_access_mode",
            "The access mode(s) specified by the persistent volume claim.", STABLE,
            PersistentVolumeClaims::accessModes),
        gauge("kube_persistentvolumeclaim_status_condition", "Information about status of"
                + " different conditions of persistent volume claim.", ALPHA,
            PersistentVolumeClaims::conditions),
        created("kube_persistentvolumeclaim_created", ALPHA),
        deletionTimestamp("kube_persistentvolumeclaim_deletion_timestamp", ALPHA));
  }

  private static PersistentVolumeClaimSpec spec(PersistentVolumeClaim pvc) {
    return orZero(pvc.getSpec(), PersistentVolumeClaimSpec::new);
  }

  private static PersistentVolumeClaimStatus status(PersistentVolumeClaim pvc) {
    return orZero(pvc.getStatus(), PersistentVolumeClaimStatus::new);
  }

  /** One sample; {@code volumemode} empty when unset. */
  private static void info(PersistentVolumeClaim pvc, Samples out) {
    PersistentVolumeClaimSpec spec = spec(pvc);
    out.begin()
        .label("storageclass", storageClass(pvc))
        .label("volumename", spec.getVolumeName())
        .label("volumemode", spec.getVolumeMode())
        .value(1);
  }

  /**
   * The beta storage-class annotation's value when the annotation is present (even empty), else
   * {@code spec.storageClassName}, else null (written empty).
   */
  private static String storageClass(PersistentVolumeClaim pvc) {
    Map<String, String> annotations = Metadata.meta(pvc).getAnnotations();
    if (annotations != null && annotations.containsKey(BETA_STORAGE_CLASS)) {
      return annotations.get(BETA_STORAGE_CLASS);
    }
    return spec(pvc).getStorageClassName();
  }

  /**
   * {@code spec.resources.requests[storage]} rounded up to whole bytes; no sample when the key is
   * absent, 0 when it holds no quantity (Go's zero quantity).
   *
   * @throws IllegalArgumentException (from the generator) for an unparsable quantity
   */
  private static void requestedStorageBytes(PersistentVolumeClaim pvc, Samples out) {
    VolumeResourceRequirements resources =
        orZero(spec(pvc).getResources(), VolumeResourceRequirements::new);
    Map<String, Quantity> requests = resources.getRequests();
    if (requests != null && requests.containsKey("storage")) {
      Quantity storage = requests.get("storage");
      out.sample(Quantities.integer(storage));
    }
  }

  private static void accessModes(PersistentVolumeClaim pvc, Samples out) {
    for (String mode : items(spec(pvc).getAccessModes())) {
      out.sample("access_mode", mode, 1);
    }
  }

  /** Labels {@code condition} then {@code status} (ksm-behaviour.md 15, item 4). */
  private static void conditions(PersistentVolumeClaim pvc, Samples out) {
    for (PersistentVolumeClaimCondition c :
        items(status(pvc).getConditions(), PersistentVolumeClaimCondition::new)) {
      Conditions.STATUS.write(out.begin().label("condition", c.getType()), c.getStatus());
    }
  }
}
