package dev.kubestate.exporter.resources;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Kubernetes RFC 3339 timestamps as KSM exports them: whole seconds since the epoch, fractions
 * truncated (reference/ksm-behaviour.md 6). Total: nothing here throws. A timestamp that does not
 * parse reads as unset, because Go never sees one (decoding fails and the field keeps its zero
 * value). Stateless.
 */
public final class Timestamps {

  /**
   * Go's zero time (0001-01-01T00:00:00Z) in unix seconds: what KSM exports when it reads an unset
   * timestamp without checking it (e.g. a running container without {@code startedAt}).
   */
  public static final double GO_ZERO_TIME_SECONDS = -62135596800d;

  private Timestamps() {}

  /** Whether the timestamp is present and parses (null, empty and unparsable read as unset). */
  public static boolean isSet(String rfc3339) {
    return !Double.isNaN(seconds(rfc3339));
  }

  /**
   * Seconds since the epoch, truncated toward negative infinity to whole seconds; {@link
   * Double#NaN} when the timestamp is unset or does not parse. Allocates what the parse does.
   */
  public static double seconds(String rfc3339) {
    long fast = utcSeconds(rfc3339);
    if (fast != NOT_FAST) {
      return fast;
    }
    OffsetDateTime t = parse(rfc3339);
    return t == null ? Double.NaN : t.toEpochSecond();
  }

  /**
   * Like {@link #seconds}, but an unset or unparsable timestamp gives {@link
   * #GO_ZERO_TIME_SECONDS}, as KSM exports fields it reads without a zero check.
   */
  public static double secondsOrZeroTime(String rfc3339) {
    double s = seconds(rfc3339);
    return Double.isNaN(s) ? GO_ZERO_TIME_SECONDS : s;
  }

  /**
   * Seconds as {@link #seconds}, but {@link Double#NaN} also for Go's zero time itself (the
   * instant 0001-01-01T00:00:00Z, whatever the offset it is written with): what KSM's {@code
   * !t.IsZero()} checks skip, e.g. every {@code _created} family but network policies'.
   */
  public static double secondsUnlessZero(String rfc3339) {
    long fast = utcSeconds(rfc3339);
    if (fast != NOT_FAST) {
      return fast == (long) GO_ZERO_TIME_SECONDS ? Double.NaN : fast;
    }
    OffsetDateTime t = parse(rfc3339);
    if (t == null) {
      return Double.NaN;
    }
    long s = t.toEpochSecond();
    return s == (long) GO_ZERO_TIME_SECONDS && t.getNano() == 0 ? Double.NaN : s;
  }

  /** {@link #utcSeconds}'s answer when the text is not in the one form it reads. */
  private static final long NOT_FAST = Long.MIN_VALUE;

  /**
   * Seconds since the epoch of a timestamp in the form the API server writes every {@code
   * metav1.Time}, {@code YYYY-MM-DDTHH:MM:SSZ}, read without allocating; {@link #NOT_FAST} for any
   * other text (fractions, offsets, lower case, out-of-range fields), which the full parser then
   * reads or refuses. Gives what {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} gives for every
   * text it accepts.
   */
  static long utcSeconds(String s) {
    if (s == null
        || s.length() != 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(19) != 'Z') {
      return NOT_FAST;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0
        || month < 1
        || month > 12
        || day < 1
        || day > daysInMonth(year, month)
        || hour > 23
        || minute > 59
        || second > 59) {
      return NOT_FAST;
    }
    return epochDay(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second;
  }

  /** The decimal number of {@code n} ASCII digits at {@code from}; -1 when one is not a digit. */
  private static int digits(String s, int from, int n) {
    int v = 0;
    for (int i = from; i < from + n; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }

  private static int daysInMonth(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (civil-from-days inverse). */
  private static long epochDay(int year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  private static OffsetDateTime parse(String rfc3339) {
    if (rfc3339 == null || rfc3339.isEmpty()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(rfc3339, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
