package dev.kubestate.exporter.metrics;

/**
 * Produces one family's samples for one object. Must be a pure function of the object and of
 * configuration captured when the family table was built. May throw on malformed objects: the
 * framework then drops this family for this object only, logs and counts it.
 *
 * @param <T> the Kubernetes object type
 */
@FunctionalInterface
public interface Generator<T> {
  void generate(T object, Samples out);
}
