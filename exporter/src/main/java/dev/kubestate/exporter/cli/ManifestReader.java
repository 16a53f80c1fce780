package dev.kubestate.exporter.cli;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;

/**
 * Reads Kubernetes objects from YAML or JSON text: single documents, multi-document YAML, {@code
 * kind: List} (and other {@code *List} kinds with {@code items}) and JSON arrays. Each document is
 * parsed on its own and each list item decoded on its own, so one bad document or item is
 * reported, by number, and its neighbours are still read. Reports never quote a value of the
 * object (it may be Secret data): they name the field and the problem ({@link DecodeFailures}).
 * Not thread-safe.
 */
final class ManifestReader {

  /**
   * Where an object is in its file.
   *
   * @param document 1-based document number
   * @param item 0-based index in the document's {@code items}, or -1 outside a list
   */
  record Position(int document, int item) {

    @Override
    public String toString() {
      return "document " + document + (item < 0 ? "" : ", item " + item);
    }
  }

  /**
   * A document or item that could not be read.
   *
   * @param at where it is
   * @param object its kind, namespace and name as far as they could be read ({@code Pod ns/name}),
   *     or empty when none could
   * @param reason what is wrong, naming the field, never quoting its value
   */
  record Problem(Position at, String object, String reason) {}

  /** Receives each object read, with its position. */
  @FunctionalInterface
  interface Sink {
    void accept(HasMetadata object, Position at);
  }

  private final KubernetesSerialization serialization = new KubernetesSerialization();

  /** No size limit: a {@code kubectl get -o yaml} of a large cluster is one big document. */
  private final LoadSettings yaml =
      LoadSettings.builder().setCodePointLimit(Integer.MAX_VALUE).build();

  /**
   * Parses {@code text}, giving each object to {@code sink} in document order.
   *
   * @return what could not be read, in order
   */
  List<Problem> read(String text, Sink sink) {
    List<Problem> problems = new ArrayList<>();
    List<String> docs = split(text);
    for (int i = 0; i < docs.size(); i++) {
      String doc = docs.get(i);
      if (doc.isBlank() || isOnlyComments(doc)) {
        continue;
      }
      Position at = new Position(i + 1, -1);
      Object tree;
      try {
        tree = new Load(yaml).loadFromString(doc);
      } catch (RuntimeException e) {
        problems.add(new Problem(at, "", syntax(e, doc)));
        continue;
      }
      List<?> items = items(tree);
      if (items == null) {
        decode(tree, at, sink, problems);
      } else {
        for (int k = 0; k < items.size(); k++) {
          decode(items.get(k), new Position(i + 1, k), sink, problems);
        }
      }
    }
    return problems;
  }

  /** The items of a list document (a {@code *List} kind or a JSON array), or null. */
  private static List<?> items(Object tree) {
    if (tree instanceof List<?> many) {
      return many;
    }
    if (tree instanceof Map<?, ?> map
        && map.get("kind") instanceof String kind
        && kind.endsWith("List")
        && map.get("items") instanceof List<?> items) {
      return items;
    }
    return null;
  }

  private void decode(Object tree, Position at, Sink sink, List<Problem> problems) {
    String object = DecodeFailures.describe(tree);
    if (!(tree instanceof Map<?, ?> map)) {
      problems.add(new Problem(at, object, tree == null ? "empty document" : "not an object"));
      return;
    }
    if (!(map.get("kind") instanceof String kind) || kind.isEmpty()) {
      problems.add(new Problem(at, object, "no \"kind\" field"));
      return;
    }
    KubernetesResource decoded;
    try {
      decoded = serialization.convertValue(map, KubernetesResource.class);
    } catch (RuntimeException e) {
      problems.add(new Problem(at, object, DecodeFailures.reason(e)));
      return;
    }
    if (decoded instanceof HasMetadata h) {
      sink.accept(h, at);
    } else {
      problems.add(new Problem(at, object, "not a Kubernetes object with metadata"));
    }
  }

  /** A YAML or JSON syntax error: where it is, never the text around it. */
  private static String syntax(RuntimeException e, String doc) {
    if (e instanceof MarkedYamlEngineException marked) {
      Optional<Mark> mark = marked.getProblemMark();
      if (mark.isPresent()) {
        return at(mark.get().getLine(), mark.get().getColumn());
      }
    }
    if (e instanceof ReaderException r) {
      // a character YAML does not allow; its position counts code points
      int index = doc.offsetByCodePoints(0, Math.min(r.getPosition(), doc.codePointCount(0,
          doc.length())));
      int line = 0;
      int lineStart = 0;
      for (int i = 0; i < index; i++) {
        if (doc.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return at(line, doc.codePointCount(lineStart, index));
    }
    return "not valid YAML or JSON (" + e.getClass().getSimpleName() + ")";
  }

  private static String at(int line, int column) {
    return "not valid YAML or JSON at line " + (line + 1) + ", column " + (column + 1)
        + " of the document";
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
}
