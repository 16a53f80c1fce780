package dev.kubestate.exporter.testing;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * A strict reader of the text exposition format 0.0.4 as this exporter writes it: every line ends
 * in {@code \n}; the only comments are {@code # HELP} and {@code # TYPE}, each at most once per
 * family and before its samples; a sample belongs to the family of the last {@code TYPE}, and a
 * family's samples are contiguous; metric and label names follow Prometheus' grammar; a sample
 * names a label at most once; label values and help texts are valid UTF-8 with only the escapes
 * {@code \\}, {@code \"} (values) and {@code \n}; a value is a Go float ({@code 1.5e+09}, {@code
 * NaN}, {@code +Inf}, {@code -Inf}) with no timestamp. Stateless.
 */
public final class StrictExposition {

  private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary",
      "untyped");

  private StrictExposition() {}

  /** A body that breaks the format: which line and why. */
  public static final class Violation extends RuntimeException {
    Violation(int line, String reason, String text) {
      super("line " + line + ": " + reason + ": " + abbreviate(text));
    }
  }

  /**
   * Checks a whole body.
   *
   * @throws Violation naming the first line that breaks the format
   */
  public static void check(byte[] body) {
    check(body, 0, body.length, null);
  }

  /**
   * Checks {@code body[from, to)}: sample lines only, all of family {@code family} (when not null),
   * or a whole body with headers when {@code family} is null.
   *
   * @throws Violation naming the first line that breaks the format
   */
  public static void check(byte[] body, int from, int to, String family) {
    if (from < to && body[to - 1] != '\n') {
      throw new Violation(0, "body does not end in a newline", tail(body, from, to));
    }
    String text = utf8(body, from, to);
    Reader r = new Reader(family);
    int lineNo = 0;
    for (int start = 0; start < text.length(); ) {
      int end = text.indexOf('\n', start);
      lineNo++;
      r.line(text.substring(start, end), lineNo);
      start = end + 1;
    }
  }

  private static String utf8(byte[] body, int from, int to) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      return decoder.decode(ByteBuffer.wrap(body, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      throw new Violation(0, "not UTF-8", new String(body, from, to - from,
          StandardCharsets.UTF_8));
    }
  }

  /** The state of one body: the current family, the families seen and finished. */
  private static final class Reader {
    private final boolean samplesOnly;
    private String current;
    private final Set<String> helped = new HashSet<>();
    private final Set<String> typed = new HashSet<>();
    private final Set<String> finished = new HashSet<>();

    Reader(String family) {
      this.samplesOnly = family != null;
      this.current = family;
    }

    void line(String line, int no) {
      if (line.startsWith("#")) {
        if (samplesOnly) {
          throw new Violation(no, "comment among samples", line);
        }
        header(line, no);
        return;
      }
      if (current == null) {
        throw new Violation(no, "sample before any TYPE", line);
      }
      sample(line, no);
    }

    private void header(String line, int no) {
      String[] parts = line.split(" ", 4);
      if (parts.length < 3 || !parts[0].equals("#")) {
        throw new Violation(no, "comment other than HELP or TYPE", line);
      }
      String name = parts[2];
      if (!isMetricName(name)) {
        throw new Violation(no, "bad metric name in header", line);
      }
      switchTo(name, no, line);
      if (parts[1].equals("HELP")) {
        if (!helped.add(name) || typed.contains(name)) {
          throw new Violation(no, "HELP repeated or after TYPE", line);
        }
        helpText(parts.length > 3 ? parts[3] : "", no, line);
      } else if (parts[1].equals("TYPE")) {
        if (!typed.add(name) || parts.length != 4 || !TYPES.contains(parts[3])) {
          throw new Violation(no, "TYPE repeated or unknown", line);
        }
      } else {
        throw new Violation(no, "comment other than HELP or TYPE", line);
      }
    }

    private void switchTo(String name, int no, String line) {
      if (name.equals(current)) {
        return;
      }
      if (finished.contains(name)) {
        throw new Violation(no, "family " + name + " is not contiguous", line);
      }
      if (current != null) {
        finished.add(current);
      }
      current = name;
    }

    private void sample(String line, int no) {
      int i = 0;
      while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
        i++;
      }
      String name = line.substring(0, i);
      if (!isMetricName(name)) {
        throw new Violation(no, "bad metric name", line);
      }
      if (!name.equals(current)) {
        throw new Violation(no, "sample of " + name + " in family " + current, line);
      }
      if (i < line.length() && line.charAt(i) == '{') {
        i = labels(line, i + 1, no);
      }
      if (i >= line.length() || line.charAt(i) != ' ') {
        throw new Violation(no, "no space before the value", line);
      }
      if (!isGoFloat(line.substring(i + 1))) {
        throw new Violation(no, "value is not a float (or a timestamp follows)", line);
      }
    }

    /** Reads labels from after '{'; returns the index after '}'. */
    private static int labels(String line, int i, int no) {
      Set<String> names = new HashSet<>();
      while (true) {
        if (i >= line.length()) {
          throw new Violation(no, "unterminated label set", line);
        }
        if (line.charAt(i) == '}') {
          return i + 1;
        }
        int eq = line.indexOf('=', i);
        if (eq < 0 || eq + 1 >= line.length() || line.charAt(eq + 1) != '"') {
          throw new Violation(no, "label without =\"", line);
        }
        String label = line.substring(i, eq);
        if (!isLabelName(label) || !names.add(label)) {
          throw new Violation(no, "bad or repeated label name " + label, line);
        }
        i = labelValue(line, eq + 2, no);
        if (i < line.length() && line.charAt(i) == ',') {
          i++;
        } else if (i >= line.length() || line.charAt(i) != '}') {
          throw new Violation(no, "expected , or } after a label", line);
        }
      }
    }

    /** Reads a label value from after its opening quote; returns the index after the close. */
    private static int labelValue(String line, int i, int no) {
      while (i < line.length()) {
        char c = line.charAt(i);
        if (c == '"') {
          return i + 1;
        }
        if (c == '\\') {
          char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
          if (next != '\\' && next != '"' && next != 'n') {
            throw new Violation(no, "bad escape in label value", line);
          }
          i += 2;
        } else {
          i++;
        }
      }
      throw new Violation(no, "unterminated label value", line);
    }

    private static void helpText(String text, int no, String line) {
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\\') {
          char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
          if (next != '\\' && next != 'n') {
            throw new Violation(no, "bad escape in HELP", line);
          }
          i++;
        }
      }
    }
  }

  static boolean isMetricName(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
      if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  static boolean isLabelName(String s) {
    return isMetricName(s) && s.indexOf(':') < 0;
  }

  /** Go's float text: decimal or exponent form, {@code NaN}, {@code +Inf}, {@code -Inf}. */
  static boolean isGoFloat(String s) {
    if (s.equals("NaN") || s.equals("+Inf") || s.equals("-Inf")) {
      return true;
    }
    int i = 0;
    int n = s.length();
    if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(s.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && s.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
        i++;
      }
      int exponent = 0;
      while (i < n && isDigit(s.charAt(i))) {
        i++;
        exponent++;
      }
      if (exponent == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static String tail(byte[] body, int from, int to) {
    return new String(body, Math.max(from, to - 80), Math.min(80, to - from),
        StandardCharsets.UTF_8);
  }

  private static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
