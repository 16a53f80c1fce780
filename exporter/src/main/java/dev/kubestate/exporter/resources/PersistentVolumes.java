package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import dev.kubestate.exporter.metrics.StateSet;
import io.fabric8.kubernetes.api.model.AWSElasticBlockStoreVolumeSource;
import io.fabric8.kubernetes.api.model.AzureDiskVolumeSource;
import io.fabric8.kubernetes.api.model.CSIPersistentVolumeSource;
import io.fabric8.kubernetes.api.model.FCVolumeSource;
import io.fabric8.kubernetes.api.model.GCEPersistentDiskVolumeSource;
import io.fabric8.kubernetes.api.model.HostPathVolumeSource;
import io.fabric8.kubernetes.api.model.ISCSIPersistentVolumeSource;
import io.fabric8.kubernetes.api.model.LocalVolumeSource;
import io.fabric8.kubernetes.api.model.NFSVolumeSource;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeSpec;
import io.fabric8.kubernetes.api.model.PersistentVolumeStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** PersistentVolume families ({@code persistentvolumes}); identity {@code persistentvolume}. */
public final class PersistentVolumes extends KubernetesKind<PersistentVolume> {

  /** No samples when the phase is empty; all 0 for any other phase (ksm-behaviour.md 14). */
  private static final StateSet PHASE =
      StateSet.of("phase", "Pending", "Available", "Bound", "Released", "Failed").noneWhenEmpty();

  /** KSM's value when {@code spec.volumeMode} is unset: the API's default mode. */
  private static final String DEFAULT_VOLUME_MODE = "Filesystem";

  /**
   * The volume sources {@code kube_persistentvolume_info} reads, in KSM's precedence order: only
   * the first source the spec has fills its labels; every other source label is empty. The
   * sources' labels, concatenated in this order, are the family's labels between {@code
   * storageclass} and {@code reclaim_policy}.
   */
  private static final List<VolumeSource<?>> VOLUME_SOURCES =
      List.of(
          source(PersistentVolumeSpec::getGcePersistentDisk,
              label("gce_persistent_disk_name", GCEPersistentDiskVolumeSource::getPdName)),
          source(PersistentVolumeSpec::getAwsElasticBlockStore,
              label("ebs_volume_id", AWSElasticBlockStoreVolumeSource::getVolumeID)),
          source(PersistentVolumeSpec::getAzureDisk,
              label("azure_disk_name", AzureDiskVolumeSource::getDiskName)),
          source(PersistentVolumeSpec::getFc,
              label("fc_wwids", fc -> commaJoined(fc.getWwids())),
              label("fc_lun", fc -> fc.getLun() == null ? "" : fc.getLun().toString()),
              label("fc_target_wwns", fc -> commaJoined(fc.getTargetWWNs()))),
          source(PersistentVolumeSpec::getIscsi,
              label("iscsi_target_portal", ISCSIPersistentVolumeSource::getTargetPortal),
              label("iscsi_iqn", ISCSIPersistentVolumeSource::getIqn),
              // lun is a value field in Go: an unset lun reads 0.
              label("iscsi_lun", s -> s.getLun() == null ? "0" : s.getLun().toString()),
              label("iscsi_initiator_name", ISCSIPersistentVolumeSource::getInitiatorName)),
          source(PersistentVolumeSpec::getNfs,
              label("nfs_server", NFSVolumeSource::getServer),
              label("nfs_path", NFSVolumeSource::getPath)),
          source(PersistentVolumeSpec::getCsi,
              label("csi_driver", CSIPersistentVolumeSource::getDriver),
              label("csi_volume_handle", CSIPersistentVolumeSource::getVolumeHandle)),
          source(PersistentVolumeSpec::getLocal,
              label("local_path", LocalVolumeSource::getPath),
              label("local_fs", LocalVolumeSource::getFsType)),
          source(PersistentVolumeSpec::getHostPath,
              label("host_path", HostPathVolumeSource::getPath),
              label("host_path_type", HostPathVolumeSource::getType)));

  public PersistentVolumes() {
    super(PersistentVolume.class);
  }

  @Override
  public List<Family<PersistentVolume>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_persistentvolume_claim_ref",
            "Information about the Persistent Volume Claim Reference.", STABLE,
            PersistentVolumes::claimRef),
        annotations("kube_persistentvolume_annotations", ALPHA, options),
        labels("kube_persistentvolume_labels", STABLE, options),
        gauge("kube_persistentvolume_status_phase", "The phase indicates if a volume is available,"
                + " bound to a claim, or released by a claim.", STABLE,
            (pv, out) -> PHASE.write(out, status(pv).getPhase())),
        gauge("kube_persistentvolume_info", "Information about persistentvolume.", STABLE,
            PersistentVolumes::info),
        gauge("kube_persistentvolume_capacity_bytes", "Persistentvolume capacity in bytes.",
            STABLE, PersistentVolumes::capacityBytes),
        created("kube_persistentvolume_created", ALPHA),
        deletionTimestamp("kube_persistentvolume_deletion_timestamp", ALPHA),
        gauge("kube_persistentvolume_csi_attributes", "CSI attributes of the Persistent Volume.",
            ALPHA, PersistentVolumes::csiAttributes).optIn(),
        gauge("kube_persistentvolume_volume_mode",
            "Volume Mode information for the PersistentVolume.", ALPHA,
            PersistentVolumes::volumeMode),
        gauge("kube_persistentvolume_access_mode",
            "The access mode(s) specified by the persistent volume.", ALPHA,
            PersistentVolumes::accessModes));
  }

  private static PersistentVolumeSpec spec(PersistentVolume pv) {
    return orZero(pv.getSpec(), PersistentVolumeSpec::new);
  }

  private static PersistentVolumeStatus status(PersistentVolume pv) {
    return orZero(pv.getStatus(), PersistentVolumeStatus::new);
  }

  /** One sample with the claim's {@code name} and {@code claim_namespace}; none without one. */
  private static void claimRef(PersistentVolume pv, Samples out) {
    ObjectReference claim = spec(pv).getClaimRef();
    if (claim != null) {
      out.begin()
          .label("name", claim.getName())
          .label("claim_namespace", claim.getNamespace())
          .value(1);
    }
  }

  /** One sample: storage class, the labels of {@link #VOLUME_SOURCES}, reclaim policy. */
  private static void info(PersistentVolume pv, Samples out) {
    PersistentVolumeSpec spec = spec(pv);
    out.begin().label("storageclass", spec.getStorageClassName());
    boolean filled = false;
    for (VolumeSource<?> source : VOLUME_SOURCES) {
      filled |= source.write(spec, filled, out);
    }
    out.label("reclaim_policy", spec.getPersistentVolumeReclaimPolicy()).value(1);
  }

  /**
   * {@code spec.capacity[storage]} rounded up to whole bytes; 0 when absent, as Go's zero
   * quantity.
   *
   * @throws IllegalArgumentException (from the generator) for an unparsable quantity
   */
  private static void capacityBytes(PersistentVolume pv, Samples out) {
    Map<String, Quantity> capacity = spec(pv).getCapacity();
    Quantity storage = capacity == null ? null : capacity.get("storage");
    out.sample(Quantities.integer(storage));
  }

  /**
   * One sample for a CSI volume with the {@code mounter} and {@code mapOptions} volume attributes
   * (empty when absent); none for other volumes.
   */
  private static void csiAttributes(PersistentVolume pv, Samples out) {
    CSIPersistentVolumeSource csi = spec(pv).getCsi();
    if (csi == null) {
      return;
    }
    Map<String, String> attributes = csi.getVolumeAttributes();
    out.begin()
        .label("csi_mounter", attributes == null ? null : attributes.get("mounter"))
        .label("csi_map_options", attributes == null ? null : attributes.get("mapOptions"))
        .value(1);
  }

  /** {@code spec.volumeMode} as set (even empty), {@code Filesystem} only when unset. */
  private static void volumeMode(PersistentVolume pv, Samples out) {
    String mode = spec(pv).getVolumeMode();
    out.sample("volumemode", mode == null ? DEFAULT_VOLUME_MODE : mode, 1);
  }

  private static void accessModes(PersistentVolume pv, Samples out) {
    for (String mode : items(spec(pv).getAccessModes())) {
      out.sample("access_mode", mode, 1);
    }
  }

  /**
   * The entries joined with commas, where KSM adds a comma only once the text so far is
   * non-empty: {@code ["", "a", "", "b"]} gives {@code "a,,b"}. A null entry reads empty.
   */
  private static String commaJoined(List<String> entries) {
    StringBuilder joined = new StringBuilder();
    for (String entry : items(entries)) {
      if (joined.length() > 0) {
        joined.append(',');
      }
      if (entry != null) {
        joined.append(entry);
      }
    }
    return joined.toString();
  }

  @SafeVarargs
  private static <S> VolumeSource<S> source(
      Function<PersistentVolumeSpec, S> field, SourceLabel<S>... labels) {
    return new VolumeSource<>(field, List.of(labels));
  }

  private static <S> SourceLabel<S> label(String name, Function<S, String> value) {
    return new SourceLabel<>(name, value);
  }

  /** One info label a volume source fills, with the source field it shows. */
  private record SourceLabel<S>(String name, Function<S, String> value) {}

  /** A volume source of the spec and the info labels it fills, in output order. */
  private record VolumeSource<S>(
      Function<PersistentVolumeSpec, S> field, List<SourceLabel<S>> labels) {

    /**
     * Writes this source's labels: their values when the spec has this source and no earlier
     * source filled its labels, else empty. Returns whether it filled them.
     */
    boolean write(PersistentVolumeSpec spec, boolean earlierFilled, Samples out) {
      S source = earlierFilled ? null : field.apply(spec);
      for (int i = 0; i < labels.size(); i++) {
        SourceLabel<S> label = labels.get(i);
        out.label(label.name(), source == null ? "" : label.value().apply(source));
      }
      return source != null;
    }
  }
}
