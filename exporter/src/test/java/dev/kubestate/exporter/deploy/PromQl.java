package dev.kubestate.exporter.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The metric selectors of a PromQL expression, found by a tokenizer that knows PromQL's keywords,
 * aggregation operators, function-call syntax, label lists ({@code by (...)}, {@code on (...)}) and
 * literals. It does not validate: promtool parses the expressions (see {@link Promtool}). Enough
 * for the expressions of deploy/; a {@code {__name__=...}} selector comes back with an empty metric
 * name.
 */
final class PromQl {

  /**
   * One vector selector.
   *
   * @param metric the metric name, "" for a selector without one
   * @param matchers the text between the braces, "" without braces
   */
  record Selector(String metric, String matchers) {}

  private static final Set<String> AGGREGATIONS =
      Set.of(
          "sum",
          "min",
          "max",
          "avg",
          "group",
          "stddev",
          "stdvar",
          "count",
          "count_values",
          "bottomk",
          "topk",
          "quantile",
          "limitk",
          "limit_ratio");
  private static final Set<String> LABEL_LISTS =
      Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
  private static final Set<String> KEYWORDS =
      Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "start", "end");

  private PromQl() {}

  /** The vector selectors of {@code expr}, in order. */
  static List<Selector> selectors(String expr) {
    List<Selector> out = new ArrayList<>();
    int n = expr.length();
    int i = 0;
    while (i < n) {
      char c = expr.charAt(i);
      if (c == '"' || c == '\'' || c == '`') {
        i = afterString(expr, i);
      } else if (c == '#') {
        int eol = expr.indexOf('\n', i);
        i = eol < 0 ? n : eol;
      } else if (c == '[') {
        i = closing(expr, i, '[', ']') + 1;
      } else if (c == '{') {
        int end = closing(expr, i, '{', '}');
        out.add(new Selector("", expr.substring(i + 1, end)));
        i = end + 1;
      } else if (Character.isDigit(c) || c == '.') {
        while (i < n && (Character.isLetterOrDigit(expr.charAt(i)) || expr.charAt(i) == '.')) {
          i++;
        }
      } else if (Character.isLetter(c) || c == '_' || c == ':') {
        int start = i;
        while (i < n && isNameChar(expr.charAt(i))) {
          i++;
        }
        String word = expr.substring(start, i);
        int next = skipSpace(expr, i);
        char after = next < n ? expr.charAt(next) : ' ';
        if (LABEL_LISTS.contains(word)) {
          i = after == '(' ? closing(expr, next, '(', ')') + 1 : i;
        } else if (!AGGREGATIONS.contains(word) && !KEYWORDS.contains(word) && after != '(') {
          String matchers = "";
          if (after == '{') {
            int end = closing(expr, next, '{', '}');
            matchers = expr.substring(next + 1, end);
            i = end + 1;
          }
          out.add(new Selector(word, matchers));
        }
      } else {
        i++;
      }
    }
    return out;
  }

  private static boolean isNameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == ':';
  }

  private static int skipSpace(String s, int i) {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The index after the string literal opening at {@code i}. */
  private static int afterString(String s, int i) {
    char quote = s.charAt(i);
    for (int j = i + 1; j < s.length(); j++) {
      if (s.charAt(j) == '\\' && quote != '`') {
        j++;
      } else if (s.charAt(j) == quote) {
        return j + 1;
      }
    }
    throw new IllegalArgumentException("unterminated string at " + i + " in " + s);
  }

  /** The index of the bracket closing the one at {@code i}, skipping string literals. */
  private static int closing(String s, int i, char open, char close) {
    int depth = 0;
    int j = i;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (c == '"' || c == '\'' || c == '`') {
        j = afterString(s, j);
        continue;
      }
      if (c == open) {
        depth++;
      } else if (c == close && --depth == 0) {
        return j;
      }
      j++;
    }
    throw new IllegalArgumentException("unbalanced " + open + " at " + i + " in " + s);
  }
}
