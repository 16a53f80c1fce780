package dev.kubestate.exporter.testing;

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
    int bad = firstInvalidUtf8(body, from, to);
    if (bad >= 0) {
      throw new Violation(0, "not UTF-8 at byte " + (bad - from), tail(body, from, to));
    }
    Reader r = new Reader(family);
    int lineNo = 0;
    for (int start = from; start < to; ) {
      int end = start;
      while (body[end] != '\n') {
        end++;
      }
      lineNo++;
      r.line(body, start, end, lineNo);
      start = end + 1;
    }
  }

  /**
   * The index of the first byte of {@code body[from, to)} that is not well-formed UTF-8
   * (overlong forms, surrogates and code points past U+10FFFF included), or -1.
   */
  static int firstInvalidUtf8(byte[] body, int from, int to) {
    int i = from;
    while (i < to) {
      int b = body[i] & 0xFF;
      if (b < 0x80) {
        i++;
        continue;
      }
      int n;
      int min;
      int cp;
      if (b >= 0xC2 && b <= 0xDF) {
        n = 1;
        min = 0x80;
        cp = b & 0x1F;
      } else if (b >= 0xE0 && b <= 0xEF) {
        n = 2;
        min = 0x800;
        cp = b & 0x0F;
      } else if (b >= 0xF0 && b <= 0xF4) {
        n = 3;
        min = 0x10000;
        cp = b & 0x07;
      } else {
        return i;
      }
      if (i + n >= to) {
        return i;
      }
      for (int k = 1; k <= n; k++) {
        int c = body[i + k] & 0xFF;
        if ((c & 0xC0) != 0x80) {
          return i;
        }
        cp = (cp << 6) | (c & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return i;
      }
      i += n + 1;
    }
    return -1;
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

    void line(byte[] b, int start, int end, int no) {
      if (start < end && b[start] == '#') {
        String line = new String(b, start, end - start, StandardCharsets.UTF_8);
        if (samplesOnly) {
          throw new Violation(no, "comment among samples", line);
        }
        header(line, no);
        return;
      }
      if (current == null) {
        throw new Violation(no, "sample before any TYPE", text(b, start, end));
      }
      sample(b, start, end, no);
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

    private void sample(byte[] b, int start, int end, int no) {
      int i = start;
      while (i < end && b[i] != '{' && b[i] != ' ') {
        i++;
      }
      if (!isName(b, start, i, true) || !equalsAscii(b, start, i, current)) {
        throw new Violation(no, "bad metric name or not of family " + current, text(b, start, end));
      }
      if (i < end && b[i] == '{') {
        i = labels(b, i + 1, end, no);
      }
      if (i >= end || b[i] != ' ' || !isGoFloat(b, i + 1, end)) {
        throw new Violation(no, "no value, not a float, or a timestamp follows",
            text(b, start, end));
      }
    }

    /** Reads labels from after '{'; returns the index after '}'. */
    private static int labels(byte[] b, int i, int end, int no) {
      int lineStart = i;
      Set<String> names = null;
      while (true) {
        if (i >= end) {
          throw new Violation(no, "unterminated label set", text(b, lineStart, end));
        }
        if (b[i] == '}') {
          return i + 1;
        }
        int eq = i;
        while (eq < end && b[eq] != '=') {
          eq++;
        }
        if (eq + 1 >= end || b[eq + 1] != '"' || !isName(b, i, eq, false)) {
          throw new Violation(no, "bad label name or no =\"", text(b, lineStart, end));
        }
        String label = new String(b, i, eq - i, StandardCharsets.US_ASCII);
        if (names == null) {
          names = new HashSet<>();
        }
        if (!names.add(label)) {
          throw new Violation(no, "label " + label + " twice", text(b, lineStart, end));
        }
        i = labelValue(b, eq + 2, end, no, lineStart);
        if (i < end && b[i] == ',') {
          i++;
        } else if (i >= end || b[i] != '}') {
          throw new Violation(no, "expected , or } after a label", text(b, lineStart, end));
        }
      }
    }

    /** Reads a label value from after its opening quote; returns the index after the close. */
    private static int labelValue(byte[] b, int i, int end, int no, int lineStart) {
      while (i < end) {
        byte c = b[i];
        if (c == '"') {
          return i + 1;
        }
        if (c == '\\') {
          byte next = i + 1 < end ? b[i + 1] : 0;
          if (next != '\\' && next != '"' && next != 'n') {
            throw new Violation(no, "bad escape in label value", text(b, lineStart, end));
          }
          i += 2;
        } else {
          i++;
        }
      }
      throw new Violation(no, "unterminated label value", text(b, lineStart, end));
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
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return isName(b, 0, b.length, true);
  }

  /** A metric name ({@code [a-zA-Z_:][a-zA-Z0-9_:]*}) or, without colons, a label name. */
  static boolean isName(byte[] b, int from, int to, boolean colons) {
    if (from >= to) {
      return false;
    }
    for (int i = from; i < to; i++) {
      byte c = b[i];
      boolean letter =
          (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colons && c == ':');
      if (!letter && !(i > from && c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  private static boolean equalsAscii(byte[] b, int from, int to, String s) {
    if (to - from != s.length()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (b[from + i] != s.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.UTF_8);
  }

  /** Go's float text: decimal or exponent form, {@code NaN}, {@code +Inf}, {@code -Inf}. */
  static boolean isGoFloat(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return isGoFloat(b, 0, b.length);
  }

  static boolean isGoFloat(byte[] b, int from, int n) {
    if (equalsAscii(b, from, n, "NaN") || equalsAscii(b, from, n, "+Inf")
        || equalsAscii(b, from, n, "-Inf")) {
      return true;
    }
    int i = from;
    if (i < n && (b[i] == '+' || b[i] == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(b[i])) {
      i++;
      digits++;
    }
    if (i < n && b[i] == '.') {
      i++;
      while (i < n && isDigit(b[i])) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (b[i] == 'e' || b[i] == 'E')) {
      i++;
      if (i < n && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      int exponent = 0;
      while (i < n && isDigit(b[i])) {
        i++;
        exponent++;
      }
      if (exponent == 0) {
        return false;
      }
    }
    return i == n;
  }

  private static boolean isDigit(byte c) {
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
