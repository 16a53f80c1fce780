package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.resources.GoFields.flag;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.KeyAllowlist;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentSource;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentSpec;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentStatus;
import java.util.List;

/**
 * VolumeAttachment families ({@code volumeattachments}); identity {@code volumeattachment}. This
 * kind takes no label allowlist: {@code kube_volumeattachment_labels} shows every label and
 * {@code kube_volumeattachment_status_attachment_metadata} every metadata entry
 * (ksm-behaviour.md 1, 4 and 15 item 14).
 */
public final class VolumeAttachments extends KubernetesKind<VolumeAttachment> {

  public VolumeAttachments() {
    super(VolumeAttachment.class);
  }

  @Override
  public List<Family<VolumeAttachment>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_volumeattachment_labels", "Kubernetes labels converted to Prometheus labels.",
            ALPHA, VolumeAttachments::allLabels),
        gauge("kube_volumeattachment_info", "Information about volumeattachment.", ALPHA,
            VolumeAttachments::info),
        created("kube_volumeattachment_created", ALPHA),
        gauge("kube_volumeattachment_spec_source_persistentvolume",
            "PersistentVolume source reference.", ALPHA, VolumeAttachments::sourcePersistentVolume),
        gauge("kube_volumeattachment_status_attached", "Information about volumeattachment.", ALPHA,
            flag(va -> status(va).getAttached())),
        gauge("kube_volumeattachment_status_attachment_metadata", "volumeattachment metadata.",
            ALPHA, VolumeAttachments::attachmentMetadata));
  }

  private static VolumeAttachmentSpec spec(VolumeAttachment va) {
    return orZero(va.getSpec(), VolumeAttachmentSpec::new);
  }

  private static VolumeAttachmentStatus status(VolumeAttachment va) {
    return orZero(va.getStatus(), VolumeAttachmentStatus::new);
  }

  private static void allLabels(VolumeAttachment va, Samples out) {
    KeyAllowlist.writeAll(Metadata.meta(va).getLabels(), "label", out);
  }

  private static void info(VolumeAttachment va, Samples out) {
    VolumeAttachmentSpec spec = spec(va);
    out.begin().label("attacher", spec.getAttacher()).label("node", spec.getNodeName()).value(1);
  }

  /** {@code persistentVolumeName} is a pointer: no sample when unset, one when set (even empty). */
  private static void sourcePersistentVolume(VolumeAttachment va, Samples out) {
    VolumeAttachmentSource source = orZero(spec(va).getSource(), VolumeAttachmentSource::new);
    String volume = source.getPersistentVolumeName();
    if (volume != null) {
      out.sample("volumename", volume, 1);
    }
  }

  private static void attachmentMetadata(VolumeAttachment va, Samples out) {
    KeyAllowlist.writeAll(status(va).getAttachmentMetadata(), "metadata", out);
  }
}
