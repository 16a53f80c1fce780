package dev.kubestate.exporter.cli;

import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Words for what {@code render} skips, safe to print for any object: the object is named by kind,
 * namespace and name; a decoding failure by the path of the field and the kind of problem. No
 * field value is ever quoted (Jackson's own messages do quote them, and a Secret's value must not
 * reach a terminal or a CI log). Control characters in names are escaped so that a report stays
 * one line. Stateless.
 */
final class DecodeFailures {

  private static final int MAX_NAME = 253;

  private DecodeFailures() {}

  /**
   * {@code Kind namespace/name}, {@code Kind name}, {@code Kind} or empty, from an undecoded
   * object tree.
   */
  static String describe(Object tree) {
    if (!(tree instanceof Map<?, ?> map)) {
      return "";
    }
    String kind = map.get("kind") instanceof String k ? oneLine(k) : "";
    String namespace = "";
    String name = "";
    if (map.get("metadata") instanceof Map<?, ?> meta) {
      namespace = meta.get("namespace") instanceof String ns ? oneLine(ns) : "";
      name = meta.get("name") instanceof String n ? oneLine(n) : "";
    }
    String id = namespace.isEmpty() ? name : namespace + "/" + name;
    return (kind + " " + id).trim();
  }

  /**
   * Why decoding failed: the field's path and the problem ({@code spec.replicas: not a valid
   * Integer}).
   */
  static String reason(Throwable e) {
    JacksonException jackson = find(e);
    if (jackson == null) {
      return "cannot be decoded (" + e.getClass().getSimpleName() + ")";
    }
    String path = path(jackson.getPath());
    return (path.isEmpty() ? "" : path + ": ") + problem(jackson);
  }

  private static JacksonException find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof JacksonException j) {
        return j;
      }
    }
    return null;
  }

  private static String problem(JacksonException e) {
    if (e instanceof UnrecognizedPropertyException) {
      return "unknown field";
    }
    if (e instanceof InvalidFormatException f) {
      return "not a valid " + typeName(f.getTargetType());
    }
    if (e instanceof MismatchedInputException m) {
      return "wrong type of value" + (m.getTargetType() == null ? ""
          : ", expected " + typeName(m.getTargetType()));
    }
    if (e instanceof ValueInstantiationException) {
      return "value rejected by the model";
    }
    Throwable cause = e.getCause();
    return "value rejected (" + (cause != null ? cause : e).getClass().getSimpleName() + ")";
  }

  private static String typeName(Class<?> type) {
    return type == null ? "value" : type.getSimpleName();
  }

  /** {@code spec.containers[0].resources}: property names, indexes in brackets. */
  static String path(List<JacksonException.Reference> refs) {
    StringBuilder sb = new StringBuilder();
    for (JacksonException.Reference r : refs) {
      if (r.getPropertyName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(oneLine(r.getPropertyName()));
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.toString();
  }

  /** {@code s} cut to 253 characters, control characters escaped as {@code \n} or {@code \xNN}. */
  static String oneLine(String s) {
    StringBuilder sb = new StringBuilder(Math.min(s.length(), MAX_NAME));
    for (int i = 0; i < s.length() && i < MAX_NAME; i++) {
      char c = s.charAt(i);
      if (c == '\n') {
        sb.append("\\n");
      } else if (c < 0x20 || c == 0x7F) {
        sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return s.length() > MAX_NAME ? sb.append("...").toString() : sb.toString();
  }
}
