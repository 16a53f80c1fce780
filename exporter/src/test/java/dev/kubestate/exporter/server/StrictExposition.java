package dev.kubestate.exporter.server;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A strict reader of the exposition KSM writes (reference/ksm-behaviour.md 3.1-3.5), for text
 * 0.0.4 and OpenMetrics: every line is a {@code # HELP}, a {@code # TYPE} or a sample; each
 * family has one HELP then one TYPE (gauge, counter, info or stateset) before its samples, and its
 * samples follow without another family in between; names and label names are legal, label
 * values use only the escapes {@code \\}, {@code \"} and {@code \n}, a label name appears once per
 * sample, values are Go floats, no timestamps; no series appears twice; the body ends with a line
 * feed, and an OpenMetrics body with {@code # EOF} and nothing after it. Any departure throws an
 * {@link AssertionError} naming the line.
 */
final class StrictExposition {

  /**
   * One sample.
   *
   * @param name the metric name
   * @param labels label names to unescaped values, in line order
   * @param value the value as written
   */
  record Sample(String name, Map<String, String> labels, String value) {}

  private static final Set<String> TYPES = Set.of("gauge", "counter", "info", "stateset");

  private StrictExposition() {}

  /** The samples of {@code body}, in order; throws at the first departure from the grammar. */
  static List<Sample> parse(String body, boolean openMetrics) {
    List<Sample> samples = new ArrayList<>();
    if (body.isEmpty() && !openMetrics) {
      return samples;
    }
    if (!body.endsWith("\n")) {
      throw new AssertionError("body does not end with a line feed");
    }
    String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
    int last = lines.length;
    if (openMetrics) {
      if (!lines[last - 1].equals("# EOF")) {
        throw new AssertionError("OpenMetrics body does not end with # EOF");
      }
      last--;
    }
    Set<String> closedFamilies = new HashSet<>();
    Set<String> series = new HashSet<>();
    String family = null;
    String help = null;
    boolean typed = false;
    for (int n = 0; n < last; n++) {
      String line = lines[n];
      try {
        if (line.startsWith("# HELP ")) {
          String[] parts = line.split(" ", 4);
          name(parts[2]);
          if (parts.length < 4 || !closedFamilies.add(parts[2])) {
            throw new AssertionError("HELP without text, or a family's second HELP");
          }
          helpText(parts[3]);
          family = parts[2];
          help = family;
          typed = false;
        } else if (line.startsWith("# TYPE ")) {
          String[] parts = line.split(" ", -1);
          if (parts.length != 4 || !parts[2].equals(help) || typed || !TYPES.contains(parts[3])) {
            throw new AssertionError("TYPE not right after its family's HELP, or unknown type");
          }
          typed = true;
        } else {
          Sample s = sample(line);
          if (!typed || !s.name().equals(family)) {
            throw new AssertionError("sample outside its family's block");
          }
          if (!series.add(s.name() + new TreeMap<>(s.labels()))) {
            throw new AssertionError("series written twice");
          }
          samples.add(s);
        }
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("line " + (n + 1) + ": " + e.getMessage() + ": " + cut(line), e);
      }
    }
    return samples;
  }

  private static Sample sample(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = name(line.substring(0, i));
    Map<String, String> labels = new LinkedHashMap<>();
    if (i < line.length() && line.charAt(i) == '{') {
      i++;
      while (true) {
        int eq = line.indexOf("=\"", i);
        if (eq < 0) {
          throw new AssertionError("label without =\"");
        }
        String label = labelName(line.substring(i, eq));
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            if (next == 'n') {
              value.append('\n');
            } else if (next == '\\' || next == '"') {
              value.append(next);
            } else {
              throw new AssertionError("escape \\" + next + " in a label value");
            }
          } else {
            value.append(c);
          }
        }
        if (labels.put(label, value.toString()) != null) {
          throw new AssertionError("label " + label + " twice");
        }
        i = j + 1;
        if (line.charAt(i) == '}') {
          i++;
          break;
        }
        if (line.charAt(i) != ',') {
          throw new AssertionError("expected , or } after a label");
        }
        i++;
      }
    }
    if (i >= line.length() || line.charAt(i) != ' ') {
      throw new AssertionError("no space before the value");
    }
    String value = line.substring(i + 1);
    goFloat(value);
    return new Sample(name, labels, value);
  }

  private static String name(String name) {
    if (!name.matches("[a-zA-Z_:][a-zA-Z0-9_:]*")) {
      throw new AssertionError("illegal metric name " + cut(name));
    }
    return name;
  }

  private static String labelName(String name) {
    if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*") || name.startsWith("__")) {
      throw new AssertionError("illegal label name " + cut(name));
    }
    return name;
  }

  private static void helpText(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\\') {
        char next = i + 1 < text.length() ? text.charAt(i + 1) : ' ';
        if (next != '\\' && next != 'n') {
          throw new AssertionError("escape in HELP other than \\\\ or \\n");
        }
        i++;
      }
    }
  }

  private static void goFloat(String value) {
    if (value.equals("NaN") || value.equals("+Inf") || value.equals("-Inf")) {
      return;
    }
    if (!value.matches("-?[0-9]+(\\.[0-9]+)?(e[+-][0-9]{2,3})?")) {
      throw new AssertionError("value is not a Go float (or has a timestamp): " + value);
    }
  }

  private static String cut(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
