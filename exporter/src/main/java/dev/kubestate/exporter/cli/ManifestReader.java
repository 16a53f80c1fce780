package dev.kubestate.exporter.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads Kubernetes objects from YAML or JSON text: single documents, multi-document YAML and
 * {@code kind: List}. Each document is parsed on its own so one bad document is reported by
 * number and the others are still read. Not thread-safe.
 */
final class ManifestReader {

  /** A document that could not be read. */
  record Problem(int document, String reason) {}

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  /**
   * Parses {@code text}, giving each object to {@code sink} in document order.
   *
   * @return the documents that could not be read (1-based numbers)
   */
  List<Problem> read(String text, Consumer<HasMetadata> sink) {
    List<Problem> problems = new ArrayList<>();
    List<String> docs = split(text);
    for (int i = 0; i < docs.size(); i++) {
      String doc = docs.get(i);
      if (doc.isBlank() || isOnlyComments(doc)) {
        continue;
      }
      try {
        Object parsed =
            serialization.unmarshal(new ByteArrayInputStream(doc.getBytes(StandardCharsets.UTF_8)));
        collect(parsed, sink);
      } catch (RuntimeException e) {
        problems.add(new Problem(i + 1, reason(e)));
      }
    }
    return problems;
  }

  private static void collect(Object parsed, Consumer<HasMetadata> sink) {
    if (parsed == null) {
      throw new IllegalArgumentException("empty document");
    }
    if (parsed instanceof KubernetesList list) {
      if (list.getItems() != null) {
        list.getItems().forEach(o -> collect(o, sink));
      }
    } else if (parsed instanceof Collection<?> many) {
      many.forEach(o -> collect(o, sink));
    } else if (parsed instanceof HasMetadata h) {
      if (h.getKind() == null) {
        throw new IllegalArgumentException("no \"kind\" field");
      }
      sink.accept(h);
    } else {
      throw new IllegalArgumentException("not a Kubernetes object");
    }
  }

  /** Splits YAML text at document separators ({@code ---} at the start of a line). */
  static List<String> split(String text) {
    List<String> docs = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("---") && (line.length() == 3 || Character.isWhitespace(line.charAt(3)))) {
        docs.add(cur.toString());
        cur.setLength(0);
        continue;
      }
      cur.append(line).append('\n');
    }
    docs.add(cur.toString());
    if (!docs.isEmpty() && docs.get(0).isBlank() && docs.size() > 1) {
      docs.remove(0);
    }
    return docs;
  }

  private static boolean isOnlyComments(String doc) {
    for (String line : doc.split("\n")) {
      String t = line.trim();
      if (!t.isEmpty() && !t.startsWith("#")) {
        return false;
      }
    }
    return true;
  }

  private static String reason(RuntimeException e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String msg = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    int nl = msg.indexOf('\n');
    return nl > 0 ? msg.substring(0, nl) : msg;
  }
}
