package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimVolumeSource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodResourceClaim;
import io.fabric8.kubernetes.api.model.PodResourceClaimStatus;
import io.fabric8.kubernetes.api.model.Volume;
import java.util.List;

/**
 * Generators of the families about claims a pod holds: PersistentVolumeClaim and generic ephemeral
 * volumes, and DRA ResourceClaims. Stateless.
 */
final class PodVolumes {

  private PodVolumes() {}

  /**
   * 1 per PVC volume ({@code ephemeral="false"}) and per generic ephemeral volume ({@code
   * ephemeral="true"}, claim named {@code <pod>-<volume>} as Kubernetes names it).
   */
  static void claimsInfo(Pod pod, Samples out) {
    for (Volume v : volumes(pod)) {
      if (v.getPersistentVolumeClaim() != null) {
        claim(out, v, v.getPersistentVolumeClaim().getClaimName(), false, 1);
      } else if (v.getEphemeral() != null) {
        claim(out, v, ephemeralClaimName(pod, v), true, 1);
      }
    }
  }

  /** 1 for a read-only PVC volume, else 0; always 0 for ephemeral volumes. */
  static void claimsReadOnly(Pod pod, Samples out) {
    for (Volume v : volumes(pod)) {
      PersistentVolumeClaimVolumeSource pvc = v.getPersistentVolumeClaim();
      if (pvc != null) {
        claim(out, v, pvc.getClaimName(), false, Boolean.TRUE.equals(pvc.getReadOnly()) ? 1 : 0);
      } else if (v.getEphemeral() != null) {
        claim(out, v, ephemeralClaimName(pod, v), true, 0);
      }
    }
  }

  /**
   * 1 per {@code spec.resourceClaims} entry that names a claim or a template. For a template the
   * generated claim's name comes from {@code status.resourceClaimStatuses} (empty until the status
   * has it); an entry naming neither gives no sample.
   */
  static void resourceClaimInfo(Pod pod, Samples out) {
    for (PodResourceClaim c :
        GoFields.items(Pods.spec(pod).getResourceClaims(), PodResourceClaim::new)) {
      String claimName;
      String template;
      if (isSet(c.getResourceClaimName())) {
        claimName = c.getResourceClaimName();
        template = "";
      } else if (isSet(c.getResourceClaimTemplateName())) {
        claimName = generatedClaimName(pod, c.getName());
        template = c.getResourceClaimTemplateName();
      } else {
        continue;
      }
      out.begin()
          .label("claim_name", c.getName())
          .label("resourceclaim_name", claimName)
          .label("resourceclaim_template_name", template)
          .value(1);
    }
  }

  private static String generatedClaimName(Pod pod, String podClaimName) {
    for (PodResourceClaimStatus s : GoFields.items(Pods.status(pod).getResourceClaimStatuses())) {
      if (s != null && s.getName() != null && s.getName().equals(podClaimName)) {
        return s.getResourceClaimName();
      }
    }
    return "";
  }

  private static void claim(Samples out, Volume v, String claim, boolean ephemeral, double value) {
    out.begin()
        .label("volume", v.getName())
        .label("persistentvolumeclaim", claim)
        .label("ephemeral", ephemeral ? "true" : "false")
        .value(value);
  }

  private static String ephemeralClaimName(Pod pod, Volume v) {
    String podName = Metadata.meta(pod).getName();
    String volumeName = v.getName();
    return (podName == null ? "" : podName) + "-" + (volumeName == null ? "" : volumeName);
  }

  private static boolean isSet(String s) {
    return s != null && !s.isEmpty();
  }

  private static List<Volume> volumes(Pod pod) {
    return GoFields.items(Pods.spec(pod).getVolumes(), Volume::new);
  }
}
