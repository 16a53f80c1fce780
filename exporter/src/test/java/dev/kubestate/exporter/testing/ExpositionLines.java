package dev.kubestate.exporter.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Exposition text cut into comparable parts the way {@code ../shared/tools/run-vectors} and KSM's
 * tests compare: only lines of chosen families, samples as a multiset with label order free and
 * values as text, headers with whitespace runs collapsed.
 */
public final class ExpositionLines {

  /** Canonical sample ({@code name{sorted labels} value}) to count. */
  public final Map<String, Integer> samples = new TreeMap<>();

  /** {@code HELP name} / {@code TYPE name} to the header line. */
  public final Map<String, String> headers = new TreeMap<>();

  /** Lines of a chosen family that do not parse as samples. */
  public final List<String> unparseable = new ArrayList<>();

  /** Names of families that have at least one sample. */
  public final Set<String> familiesWithSamples = new java.util.TreeSet<>();

  public static ExpositionLines of(String text, Set<String> families) {
    ExpositionLines out = new ExpositionLines();
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.equals("# EOF")) {
        continue;
      }
      String family = familyOf(line);
      if (!families.contains(family)) {
        continue;
      }
      if (line.startsWith("# ")) {
        String kind = line.split(" ", 3)[1];
        out.headers.put(kind + " " + family, String.join(" ", line.split("\\s+")));
        continue;
      }
      String sample = canonical(line);
      if (sample == null) {
        out.unparseable.add(line);
      } else {
        out.samples.merge(sample, 1, Integer::sum);
        out.familiesWithSamples.add(family);
      }
    }
    return out;
  }

  public static String familyOf(String line) {
    if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) {
      String[] parts = line.split(" ", 4);
      return parts.length > 2 ? parts[2] : "";
    }
    for (int i = 0; i < line.length(); i++) {
      if (line.charAt(i) == '{' || line.charAt(i) == ' ') {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /**
   * Splits a sample line into name, labels (value text kept escaped) and value; null when the line
   * is not a well-formed sample.
   */
  public static ParsedSample parse(String line) {
    int brace = line.indexOf('{');
    int space = line.indexOf(' ');
    if (brace < 0 || (space >= 0 && space < brace)) {
      if (space < 0) {
        return null;
      }
      return new ParsedSample(
          line.substring(0, space), List.of(), line.substring(space + 1).strip());
    }
    List<String[]> labels = new ArrayList<>();
    int i = brace + 1;
    try {
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        if (eq < 0 || line.charAt(eq + 1) != '"') {
          return null;
        }
        String key = line.substring(i, eq).strip();
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        while (line.charAt(j) != '"') {
          if (line.charAt(j) == '\\') {
            value.append(line, j, j + 2);
            j += 2;
          } else {
            value.append(line.charAt(j++));
          }
        }
        labels.add(new String[] {key, value.toString()});
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
    } catch (IndexOutOfBoundsException e) {
      return null;
    }
    return new ParsedSample(line.substring(0, brace), labels, line.substring(i + 1).strip());
  }

  private static String canonical(String line) {
    ParsedSample s = parse(line);
    if (s == null) {
      return null;
    }
    List<String> pairs = new ArrayList<>();
    for (String[] kv : s.labels()) {
      pairs.add(kv[0] + "=\"" + kv[1] + "\"");
    }
    pairs.sort(null);
    return s.name() + "{" + String.join(",", pairs) + "} " + s.value();
  }

  /**
   * A sample line's parts.
   *
   * @param name metric name
   * @param labels name and escaped value pairs, in line order
   * @param value value text
   */
  public record ParsedSample(String name, List<String[]> labels, String value) {}
}
