package dev.kubestate.exporter.resources;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * Names objects in log lines and errors the one way: {@code Pod default/web-0}, {@code Node
 * worker-1}. Never includes object contents. A name or namespace as the API server would never
 * accept it still gives one short line: control characters are written as {@code \\uXXXX} and
 * each part is cut after {@link #MAX_PART} characters. Stateless.
 */
public final class ObjectNames {

  /** Characters kept of a kind, namespace or name (the API server allows at most 253). */
  static final int MAX_PART = 253;

  private ObjectNames() {}

  /** {@code text} safe for one log line: control characters escaped, cut after MAX_PART. */
  static String printable(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_PART) + 8);
    int n = Math.min(text.length(), MAX_PART);
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (text.length() > MAX_PART) {
      out.append("...(").append(text.length()).append(" chars)");
    }
    return out.toString();
  }

  public static String describe(HasMetadata object) {
    if (object == null) {
      return "null object";
    }
    String kind =
        printable(object.getKind() != null ? object.getKind() : object.getClass().getSimpleName());
    ObjectMeta m = object.getMetadata();
    if (m == null) {
      return kind + " without metadata";
    }
    String ns = m.getNamespace();
    String name = printable(m.getName());
    return ns == null || ns.isEmpty() ? kind + " " + name : kind + " " + printable(ns) + "/" + name;
  }
}
