package dev.kubestate.exporter.resources;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Go's text rules where go-cron (KSM's cron parser) relies on them: white space as {@code
 * strings.Fields} and {@code strings.TrimSpace} see it, {@code strconv.Atoi} for cron values and
 * steps, and {@code time.ParseDuration} for {@code @every <duration>}: an optional sign, then one
 * or more decimal numbers (with optional fraction), each followed by a unit {@code ns us µs μs ms
 * s m h} ({@code 1h30m}, {@code 1.5s}, {@code 0}), the total fitting a signed 64-bit count of
 * nanoseconds. Stateless.
 */
final class GoText {

  /** What {@link #durationNanos} returns for text Go rejects. */
  static final long INVALID = Long.MIN_VALUE;

  private static final Map<String, Long> UNITS =
      Map.of(
          "ns", 1L,
          "us", 1_000L,
          "\u00B5s", 1_000L,
          "\u03BCs", 1_000L,
          "ms", 1_000_000L,
          "s", 1_000_000_000L,
          "m", 60_000_000_000L,
          "h", 3_600_000_000_000L);

  /** 2^63, Go's bound on the unsigned accumulator, as an unsigned long. */
  private static final long TWO_63 = Long.MIN_VALUE;

  private GoText() {}

  /**
   * The duration in nanoseconds, or {@link #INVALID} where Go's {@code time.ParseDuration} returns
   * an error (the one duration Go can parse but this cannot report, -2^63 ns, reads as invalid;
   * go-cron rejects every negative duration anyway).
   */
  static long durationNanos(String text) {
    String s = text;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      s = s.substring(1);
    }
    if (s.equals("0")) {
      return 0;
    }
    if (s.isEmpty()) {
      return INVALID;
    }
    DurationTerms terms = new DurationTerms(s);
    long total = 0;
    while (terms.hasNext()) {
      long term = terms.next();
      if (term == DurationTerms.BAD) {
        return INVALID;
      }
      total += term;
      if (Long.compareUnsigned(total, TWO_63) > 0) {
        return INVALID;
      }
    }
    if (negative) {
      return total == TWO_63 ? INVALID : -total;
    }
    return total == TWO_63 ? INVALID : total;
  }

  /**
   * The terms of an unsigned duration ({@code 1h}, {@code 30.5m}, {@code .5s}) read one by one as
   * Go's {@code time.ParseDuration} reads them. Not thread-safe: one cursor per text.
   */
  private static final class DurationTerms {

    /** What {@link #next} returns where Go fails; no term is 2^64 - 1 ns. */
    static final long BAD = -1;

    private final String s;
    private int i;
    private long fraction;
    private double scale;

    DurationTerms(String s) {
      this.s = s;
    }

    boolean hasNext() {
      return i < s.length();
    }

    /** The next term in nanoseconds, unsigned and at most 2^63, or {@link #BAD}. */
    long next() {
      char c = s.charAt(i);
      if (c != '.' && !isDigit(c)) {
        return BAD;
      }
      int start = i;
      long whole = whole();
      if (whole == BAD) {
        return BAD;
      }
      boolean digitsBefore = i > start;
      boolean digitsAfter = fraction();
      if (!digitsBefore && !digitsAfter) {
        return BAD;
      }
      int unitStart = i;
      while (i < s.length() && s.charAt(i) != '.' && !isDigit(s.charAt(i))) {
        i++;
      }
      Long unit = UNITS.get(s.substring(unitStart, i));
      return unit == null ? BAD : inUnit(whole, unit);
    }

    /** The digits before the point, unsigned; {@link #BAD} past 2^63. */
    private long whole() {
      long whole = 0;
      for (; i < s.length() && isDigit(s.charAt(i)); i++) {
        if (Long.compareUnsigned(whole, Long.divideUnsigned(TWO_63, 10)) > 0) {
          return BAD;
        }
        whole = whole * 10 + (s.charAt(i) - '0');
        if (Long.compareUnsigned(whole, TWO_63) > 0) {
          return BAD;
        }
      }
      return whole;
    }

    /**
     * Reads a point and the digits after it, if any, into {@link #fraction} and {@link #scale};
     * digits past 2^63 are skipped, as Go does.
     *
     * @return whether digits followed the point
     */
    private boolean fraction() {
      fraction = 0;
      scale = 1;
      if (i >= s.length() || s.charAt(i) != '.') {
        return false;
      }
      i++;
      int fractionStart = i;
      boolean overflow = false;
      for (; i < s.length() && isDigit(s.charAt(i)); i++) {
        if (overflow || Long.compareUnsigned(fraction, Long.MAX_VALUE / 10) > 0) {
          overflow = true;
          continue;
        }
        long next = fraction * 10 + (s.charAt(i) - '0');
        if (Long.compareUnsigned(next, TWO_63) > 0) {
          overflow = true;
          continue;
        }
        fraction = next;
        scale *= 10;
      }
      return i > fractionStart;
    }

    /** {@code whole.fraction} times {@code unit} nanoseconds; {@link #BAD} past 2^63. */
    private long inUnit(long whole, long unit) {
      if (Long.compareUnsigned(whole, Long.divideUnsigned(TWO_63, unit)) > 0) {
        return BAD;
      }
      long nanos = whole * unit;
      if (fraction != 0) {
        double f = fraction >= 0 ? fraction : 0x1p63; // 2^63 is the only value past Long.MAX
        nanos += (long) (f * (unit / scale));
        if (Long.compareUnsigned(nanos, TWO_63) > 0) {
          return BAD;
        }
      }
      return nanos;
    }
  }

  /**
   * Go's {@code strconv.Atoi} restricted to non-negative results, as go-cron reads cron values: an
   * optional sign and decimal digits within the signed 64-bit range; -1 otherwise.
   */
  static long atoi(String s) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    if (i == s.length()) {
      return -1;
    }
    long value = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!isDigit(c) || value > (Long.MAX_VALUE - (c - '0')) / 10) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return negative && value != 0 ? -1 : value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Go's {@code unicode.IsSpace}. */
  static boolean isSpace(int c) {
    switch (c) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F,
          0x3000:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200A;
    }
  }

  /** Go's {@code strings.TrimSpace}. */
  static String trimSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  /** Go's {@code strings.Fields}: the non-empty runs between white space. */
  static String[] fields(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < s.length() && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out.toArray(new String[0]);
  }
}
