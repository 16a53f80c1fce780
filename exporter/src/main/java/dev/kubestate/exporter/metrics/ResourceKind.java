package dev.kubestate.exporter.metrics;

import java.util.List;

/**
 * A Kubernetes kind as KSM exports it: its {@code --resources} name, API group, object class,
 * identity labels and family table. Implementations are stateless and thread-safe.
 *
 * @param <T> the object class
 */
public interface ResourceKind<T> {

  /** The plural lower-case name used by {@code --resources}, e.g. {@code pods}. */
  String resource();

  /** The API group, {@code ""} for the core group, e.g. {@code apps}. */
  String group();

  /** The object class, e.g. fabric8's {@code Pod}. */
  Class<T> type();

  /**
   * KSM's Go type name used as {@code resource} label in list/watch telemetry ({@code *v1.Pod}).
   */
  String telemetryName();

  /** Whether objects live in namespaces (namespaced kinds honour {@code --namespaces}). */
  boolean namespaced();

  /**
   * Whether objects are bound to nodes and follow {@code --node} and {@code
   * --track-unscheduled-pods}: selected by {@code spec.nodeName} on the server and on the client.
   * Only pods, as in KSM.
   */
  default boolean nodeScoped() {
    return false;
  }

  /**
   * Whether the family table reads nothing but {@code metadata}, so the kind is listed and watched
   * in the API server's metadata-only representation ({@code PartialObjectMetadata}): its objects'
   * other fields are never transferred or decoded. A server that ignores the request still works;
   * its full objects are rendered the same way. ConfigMaps are; Secrets are not, since KSM's {@code
   * kube_secret_type} reads {@code type}, which is not metadata.
   */
  default boolean metadataOnly() {
    return false;
  }

  /** Whether the kind is enabled when {@code --resources} is not given (KSM's default set). */
  default boolean enabledByDefault() {
    return true;
  }

  /** The names of the identity labels, in the order {@link #identity} writes them. */
  List<String> identityLabels();

  /** Writes the identity labels that prefix every sample of the object, in KSM's order. */
  void identity(T object, IdentityLabels out);

  /**
   * The kind's families in KSM's declaration order (which is the output order), with generators
   * bound to {@code options}. Never filtered: the framework applies allow/deny/opt-in lists.
   */
  List<Family<T>> families(ResourceOptions options);
}
