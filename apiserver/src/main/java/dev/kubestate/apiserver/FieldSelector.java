package dev.kubestate.apiserver;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A parsed {@code fieldSelector}: comma-separated {@code label=value}, {@code label==value} or
 * {@code label!=value} terms, all of which must hold. Syntax as the API server's: a backslash
 * escapes {@code \}, {@code ,} and {@code =} in values; empty terms are skipped; in each term the
 * leftmost operator counts, {@code !=} before {@code ==} before {@code =} at the same place.
 * Immutable.
 */
final class FieldSelector {

  private record Term(String label, boolean equal, String value) {}

  private final SelectableFields fields;
  private final List<Term> terms;

  private FieldSelector(SelectableFields fields, List<Term> terms) {
    this.fields = fields;
    this.terms = terms;
  }

  /**
   * Parses {@code text} for a resource with {@code fields}.
   *
   * @throws IllegalArgumentException with the API server's message when a term has no operator, a
   *     value has a bad escape, or a label is not selectable for the resource
   */
  static FieldSelector parse(String text, SelectableFields fields) {
    List<Term> terms = new ArrayList<>();
    for (String part : splitTerms(text)) {
      if (part.isEmpty()) {
        continue;
      }
      Term term = term(text, part);
      fields.check(term.label());
      terms.add(term);
    }
    return new FieldSelector(fields, List.copyOf(terms));
  }

  /** Whether every term holds for {@code object}. */
  boolean matches(JsonNode object) {
    for (Term t : terms) {
      if (fields.value(t.label(), object).equals(t.value()) != t.equal()) {
        return false;
      }
    }
    return true;
  }

  private static List<String> splitTerms(String text) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == ',') {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    return parts;
  }

  private static Term term(String text, String part) {
    for (int i = 0; i < part.length(); i++) {
      char c = part.charAt(i);
      if (c == '\\') {
        i++;
      } else if (part.startsWith("!=", i)) {
        return new Term(part.substring(0, i), false, unescape(part.substring(i + 2)));
      } else if (part.startsWith("==", i)) {
        return new Term(part.substring(0, i), true, unescape(part.substring(i + 2)));
      } else if (c == '=') {
        return new Term(part.substring(0, i), true, unescape(part.substring(i + 1)));
      }
    }
    throw new IllegalArgumentException(
        "invalid selector: '" + text + "'; can't understand '" + part + "'");
  }

  private static String unescape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        char next = i + 1 < value.length() ? value.charAt(i + 1) : 0;
        if (next != '\\' && next != ',' && next != '=') {
          throw new IllegalArgumentException(
              "invalid field selector: invalid escape sequence in value: " + value);
        }
        out.append(next);
        i++;
      } else if (c == ',' || c == '=') {
        throw new IllegalArgumentException(
            "invalid field selector: unescaped " + c + " in value: " + value);
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
