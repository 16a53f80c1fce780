package dev.kubestate.exporter.metrics;

import java.util.List;

/**
 * A Kubernetes kind as KSM exports it: its {@code --resources} name, object class, identity
 * labels and family table. Implementations are stateless and thread-safe.
 *
 * @param <T> the object class
 */
public interface ResourceKind<T> {

  /** The plural lower-case name used by {@code --resources}, e.g. {@code pods}. */
  String resource();

  /** The object class, e.g. fabric8's {@code Pod}. */
  Class<T> type();

  /** KSM's Go type name used as {@code resource} label in list/watch telemetry ({@code *v1.Pod}). */
  String telemetryName();

  /** Whether objects live in namespaces (namespaced kinds honour {@code --namespaces}). */
  boolean namespaced();

  /** Whether the kind is enabled when {@code --resources} is not given (KSM's default set). */
  default boolean enabledByDefault() {
    return true;
  }

  /** Writes the identity labels that prefix every sample of the object, in KSM's order. */
  void identity(T object, IdentityLabels out);

  /**
   * The kind's families in KSM's declaration order (which is the output order), with generators
   * bound to {@code options}. Never filtered: the framework applies allow/deny/opt-in lists.
   */
  List<Family<T>> families(ResourceOptions options);
}
