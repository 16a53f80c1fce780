package dev.kubestate.exporter.metrics;

import java.util.Objects;

/**
 * A {@link ResourceKind} whose descriptive facts (resource name, object class, telemetry name,
 * scope, default or opt-in) are given once to the constructor, so each kind's file holds only its
 * identity labels and family table. Immutable.
 *
 * @param <T> the object class
 */
public abstract class DeclaredKind<T> implements ResourceKind<T> {

  /** Whether objects of a kind live in namespaces. */
  public enum Scope {
    NAMESPACED,
    CLUSTER
  }

  private final String resource;
  private final Class<T> type;
  private final String telemetryName;
  private final Scope scope;
  private final boolean enabledByDefault;

  /**
   * @param resource the {@code --resources} name, e.g. {@code pods}
   * @param type the object class
   * @param telemetryName KSM's Go type name, e.g. {@code *v1.Pod}
   * @param scope namespaced or cluster-scoped
   * @param enabledByDefault whether KSM enables the kind without {@code --resources}
   */
  protected DeclaredKind(
      String resource,
      Class<T> type,
      String telemetryName,
      Scope scope,
      boolean enabledByDefault) {
    this.resource = Objects.requireNonNull(resource, "resource");
    this.type = Objects.requireNonNull(type, "type");
    this.telemetryName = Objects.requireNonNull(telemetryName, "telemetryName");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.enabledByDefault = enabledByDefault;
  }

  @Override
  public final String resource() {
    return resource;
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
    return scope == Scope.NAMESPACED;
  }

  @Override
  public final boolean enabledByDefault() {
    return enabledByDefault;
  }

  @Override
  public String toString() {
    return resource;
  }
}
