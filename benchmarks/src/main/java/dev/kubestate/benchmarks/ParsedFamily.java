package dev.kubestate.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One family of a Prometheus text body, read back into name, help, label names and series, so a
 * peer library can be given the same series set. Reads what our exposition writes: HELP before
 * the family's samples, label values escaped with {@code \\}, {@code \"} and {@code \n}.
 *
 * @param labelNames every label name any series of the family has, in first-seen order
 * @param series the samples, label values aligned with {@code labelNames} (empty where absent)
 */
record ParsedFamily(String name, String help, List<String> labelNames, List<Series> series) {

  /** One sample: label values aligned with the family's label names, and the value. */
  record Series(String[] labelValues, double value) {}

  /** Reads every family of {@code body}, in order. */
  static List<ParsedFamily> parse(String body) {
    Map<String, String> help = new LinkedHashMap<>();
    Map<String, List<Map<String, String>>> samples = new LinkedHashMap<>();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("# HELP ")) {
        int space = line.indexOf(' ', 7);
        help.put(line.substring(7, space), line.substring(space + 1));
      } else if (!line.isEmpty() && !line.startsWith("#")) {
        readSample(line, samples, values);
      }
    }
    List<ParsedFamily> families = new ArrayList<>();
    samples.forEach(
        (name, labelSets) -> {
          List<String> names = new ArrayList<>();
          for (Map<String, String> labels : labelSets) {
            for (String key : labels.keySet()) {
              if (!names.contains(key)) {
                names.add(key);
              }
            }
          }
          List<Series> series = new ArrayList<>(labelSets.size());
          List<Double> vs = values.get(name);
          for (int i = 0; i < labelSets.size(); i++) {
            String[] aligned = new String[names.size()];
            for (int k = 0; k < aligned.length; k++) {
              aligned[k] = labelSets.get(i).getOrDefault(names.get(k), "");
            }
            series.add(new Series(aligned, vs.get(i)));
          }
          families.add(new ParsedFamily(name, help.getOrDefault(name, ""), names, series));
        });
    return families;
  }

  private static void readSample(
      String line, Map<String, List<Map<String, String>>> samples, Map<String, List<Double>> values) {
    int i = 0;
    while (line.charAt(i) != '{' && line.charAt(i) != ' ') {
      i++;
    }
    String name = line.substring(0, i);
    Map<String, String> labels = new LinkedHashMap<>();
    if (line.charAt(i) == '{') {
      i++;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String key = line.substring(i, eq);
        StringBuilder value = new StringBuilder();
        int j = eq + 2;
        for (; line.charAt(j) != '"'; j++) {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
        }
        labels.put(key, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      i++;
    }
    samples.computeIfAbsent(name, n -> new ArrayList<>()).add(labels);
    values.computeIfAbsent(name, n -> new ArrayList<>()).add(number(line.substring(i + 1)));
  }

  private static double number(String text) {
    switch (text) {
      case "+Inf":
        return Double.POSITIVE_INFINITY;
      case "-Inf":
        return Double.NEGATIVE_INFINITY;
      default:
        return Double.parseDouble(text);
    }
  }
}
