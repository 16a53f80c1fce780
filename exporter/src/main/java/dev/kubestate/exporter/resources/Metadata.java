package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.KeyAllowlist;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.List;

/**
 * Generators for the metadata families many kinds share with the same semantics ({@code _created},
 * {@code _labels}, {@code _annotations}, {@code _deletion_timestamp}, {@code _metadata_generation},
 * {@code _metadata_resource_version}, {@code _owner}); {@link KubernetesKind} turns them into rows.
 * Stateless.
 */
public final class Metadata {

  private Metadata() {}

  /** {@code metadata} or an empty one, so generators never see null. */
  public static ObjectMeta meta(HasMetadata o) {
    return o.getMetadata() != null ? o.getMetadata() : new ObjectMeta();
  }

  /**
   * Creation time in seconds; no sample when unset, unparsable or Go's zero time (KSM checks
   * {@code !CreationTimestamp.IsZero()}).
   */
  public static void created(HasMetadata o, Samples out) {
    secondsUnlessZero(meta(o).getCreationTimestamp(), out);
  }

  /**
   * Deletion time in seconds; no sample when unset, unparsable or Go's zero time (KSM checks
   * {@code !DeletionTimestamp.IsZero()}, true of a nil pointer too).
   */
  public static void deletionTimestamp(HasMetadata o, Samples out) {
    secondsUnlessZero(meta(o).getDeletionTimestamp(), out);
  }

  private static void secondsUnlessZero(String timestamp, Samples out) {
    double seconds = Timestamps.secondsUnlessZero(timestamp);
    if (!Double.isNaN(seconds)) {
      out.sample(seconds);
    }
  }

  /** {@code metadata.generation}; 0 when unset, as Go's zero value. */
  public static void generation(HasMetadata o, Samples out) {
    Long g = meta(o).getGeneration();
    out.sample(g == null ? 0 : g);
  }

  /** {@code resourceVersion} as a number; no sample when it does not parse. */
  public static void resourceVersion(HasMetadata o, Samples out) {
    String rv = meta(o).getResourceVersion();
    if (rv == null || rv.isEmpty()) {
      return;
    }
    try {
      out.sample(Double.parseDouble(rv));
    } catch (NumberFormatException e) {
      // KSM emits nothing for a non-numeric resource version.
    }
  }

  /** {@code label_<key>} per allowlisted label (no sample without an allowlist). */
  static void labels(HasMetadata o, KeyAllowlist allowlist, Samples out) {
    allowlist.writeSample(meta(o).getLabels(), "label", out);
  }

  /** {@code annotation_<key>} per allowlisted annotation (no sample without an allowlist). */
  static void annotations(HasMetadata o, KeyAllowlist allowlist, Samples out) {
    allowlist.writeSample(meta(o).getAnnotations(), "annotation", out);
  }

  /**
   * Owner series as KSM: one sample per owner reference with {@code owner_kind}, {@code
   * owner_name} and {@code owner_is_controller} ({@code "false"} when unset), or one sample with
   * empty values when there are none.
   */
  public static void owners(HasMetadata o, Samples out) {
    List<OwnerReference> owners = meta(o).getOwnerReferences();
    if (owners == null || owners.isEmpty()) {
      out.begin()
          .label("owner_kind", "")
          .label("owner_name", "")
          .label("owner_is_controller", "")
          .value(1);
      return;
    }
    for (OwnerReference r : GoFields.items(owners, OwnerReference::new)) {
      out.begin()
          .label("owner_kind", r.getKind())
          .label("owner_name", r.getName())
          .label("owner_is_controller", Boolean.TRUE.equals(r.getController()) ? "true" : "false")
          .value(1);
    }
  }
}
