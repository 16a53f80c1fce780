package dev.kubestate.exporter.webaccess;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Go's {@code time.ParseDuration} text ({@code 1m30s}, {@code 500ms}, {@code 0}). Stateless. */
public final class GoDuration {

  private static final Pattern TERM = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

  private GoDuration() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the text when it is not a non-negative Go duration
   */
  public static Duration parse(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("invalid duration \"\"");
    }
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    Matcher m = TERM.matcher(text);
    int at = 0;
    double nanos = 0;
    while (at < text.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException("invalid duration \"" + text + "\"");
      }
      nanos += Double.parseDouble(m.group(1)) * unitNanos(m.group(2));
      at = m.end();
    }
    return Duration.ofNanos((long) nanos);
  }

  private static double unitNanos(String unit) {
    switch (unit) {
      case "ns":
        return 1;
      case "us":
      case "µs":
        return 1e3;
      case "ms":
        return 1e6;
      case "s":
        return 1e9;
      case "m":
        return 60e9;
      default:
        return 3600e9;
    }
  }
}
