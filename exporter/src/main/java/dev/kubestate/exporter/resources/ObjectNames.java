package dev.kubestate.exporter.resources;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * Names objects in log lines and errors the one way: {@code Pod default/web-0}, {@code Node
 * worker-1}. Never includes object contents. Stateless.
 */
public final class ObjectNames {

  private ObjectNames() {}

  public static String describe(HasMetadata object) {
    if (object == null) {
      return "null object";
    }
    String kind = object.getKind() != null ? object.getKind() : object.getClass().getSimpleName();
    ObjectMeta m = object.getMetadata();
    if (m == null) {
      return kind + " without metadata";
    }
    String ns = m.getNamespace();
    return ns == null || ns.isEmpty()
        ? kind + " " + m.getName()
        : kind + " " + ns + "/" + m.getName();
  }
}
