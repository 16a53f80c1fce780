package dev.kubestate.exporter.metrics;

/**
 * Told when a generator throws on an object, after the framework has dropped that family's lines
 * for that object. Implementations must be thread-safe and must not throw.
 */
@FunctionalInterface
public interface RenderFailures {

  /** Ignores failures (tests that count them themselves pass their own). */
  RenderFailures IGNORE = (resource, family, object, error) -> {};

  /**
   * @param resource the kind's resource name, e.g. {@code pods}
   * @param family the family whose generator threw, or {@code null} for identity labels
   * @param object the object's description, e.g. {@code Pod default/web-0}
   * @param error what was thrown
   */
  void failed(String resource, String family, String object, RuntimeException error);
}
