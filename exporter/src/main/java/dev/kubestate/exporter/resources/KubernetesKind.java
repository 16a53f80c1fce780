package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.Generator;
import dev.kubestate.exporter.metrics.IdentityLabels;
import dev.kubestate.exporter.metrics.KeyAllowlist;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Stability;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The base of every built-in kind. It derives what the fabric8 class already knows: the resource
 * plural ({@code --resources} name), the API group, KSM's telemetry name ({@code *v1.Pod}, from
 * the class's version and kind) and the scope (namespaced when the class implements {@link
 * Namespaced}). It takes the identity labels as data ({@link Identity}; by default {@code
 * namespace} and the lower-cased kind for namespaced kinds, the lower-cased kind alone for cluster
 * kinds), and gives a kind's table its row factories, each one expression: {@link #gauge}, {@link
 * #counter} and the standard metadata rows ({@link #created}, {@link #labels}, ...). Subclasses
 * hold only their table and its generators. Immutable and thread-safe.
 *
 * @param <T> the object class
 */
public abstract class KubernetesKind<T extends HasMetadata> implements ResourceKind<T> {

  private static final String GENERATION_HELP =
      "Sequence number representing a specific generation of the desired state.";

  private final Class<T> type;
  private final Identity<T> identity;
  private final String kind;
  private final String telemetryName;

  /** A kind with the default identity labels. */
  protected KubernetesKind(Class<T> type) {
    this(type, defaultIdentity(type));
  }

  /** A kind with its own identity labels (the TSV's per-kind exceptions). */
  protected KubernetesKind(Class<T> type, Identity<T> identity) {
    this.type = Objects.requireNonNull(type, "type");
    this.identity = Objects.requireNonNull(identity, "identity");
    this.kind = HasMetadata.getKind(type);
    this.telemetryName = "*" + HasMetadata.getVersion(type) + "." + kind;
  }

  private static <T extends HasMetadata> Identity<T> defaultIdentity(Class<T> type) {
    String label = HasMetadata.getKind(type).toLowerCase(Locale.ROOT);
    return Namespaced.class.isAssignableFrom(type)
        ? Identity.namespaced(label)
        : Identity.named(label);
  }

  @Override
  public final String resource() {
    return HasMetadata.getPlural(type);
  }

  @Override
  public final String group() {
    return HasMetadata.getGroup(type);
  }

  @Override
  public final Class<T> type() {
    return type;
  }

  @Override
  public final String telemetryName() {
    return telemetryName;
  }

  @Override
  public final boolean namespaced() {
    return Namespaced.class.isAssignableFrom(type);
  }

  @Override
  public final List<String> identityLabels() {
    return identity.names();
  }

  @Override
  public final void identity(T object, IdentityLabels out) {
    identity.write(object, out);
  }

  /** A gauge row. */
  protected final Family<T> gauge(
      String name, String help, Stability stability, Generator<T> generator) {
    return Family.gauge(name, help, stability, generator);
  }

  /** A counter row. */
  protected final Family<T> counter(
      String name, String help, Stability stability, Generator<T> generator) {
    return Family.counter(name, help, stability, generator);
  }

  /** {@code _created}: "Unix creation timestamp", no sample when unset or Go's zero time. */
  protected final Family<T> created(String name, Stability stability) {
    return created(name, "Unix creation timestamp", stability);
  }

  /** {@code _created} with a kind's own help text; no sample when unset or Go's zero time. */
  protected final Family<T> created(String name, String help, Stability stability) {
    return gauge(name, help, stability, Metadata::created);
  }

  /** {@code _deletion_timestamp}: "Unix deletion timestamp", none when unset or zero time. */
  protected final Family<T> deletionTimestamp(String name, Stability stability) {
    return gauge(name, "Unix deletion timestamp", stability, Metadata::deletionTimestamp);
  }

  /** {@code _metadata_generation} with KSM's usual help text; 0 when unset. */
  protected final Family<T> metadataGeneration(String name, Stability stability) {
    return metadataGeneration(name, GENERATION_HELP, stability);
  }

  /** {@code _metadata_generation} with a kind's own help text; 0 when unset. */
  protected final Family<T> metadataGeneration(String name, String help, Stability stability) {
    return gauge(name, help, stability, Metadata::generation);
  }

  /** {@code _metadata_resource_version}: a number, no sample when it does not parse. */
  protected final Family<T> resourceVersion(String name, String help, Stability stability) {
    return gauge(name, help, stability, Metadata::resourceVersion);
  }

  /**
   * {@code _owner}: "Information about the &lt;Kind&gt;'s owner.", one sample per owner reference
   * with {@code owner_kind}, {@code owner_name}, {@code owner_is_controller}.
   */
  protected final Family<T> owner(String name, Stability stability) {
    return gauge(name, "Information about the " + kind + "'s owner.", stability, Metadata::owners);
  }

  /** {@code _labels}: the object's allowlisted labels as {@code label_<key>}. */
  protected final Family<T> labels(String name, Stability stability, ResourceOptions options) {
    KeyAllowlist allowlist = options.labels();
    return gauge(
        name,
        "Kubernetes labels converted to Prometheus labels.",
        stability,
        (o, out) -> Metadata.labels(o, allowlist, out));
  }

  /** {@code _annotations}: the object's allowlisted annotations as {@code annotation_<key>}. */
  protected final Family<T> annotations(
      String name, Stability stability, ResourceOptions options) {
    KeyAllowlist allowlist = options.annotations();
    return gauge(
        name,
        "Kubernetes annotations converted to Prometheus labels.",
        stability,
        (o, out) -> Metadata.annotations(o, allowlist, out));
  }

  @Override
  public String toString() {
    return resource();
  }
}
