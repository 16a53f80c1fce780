package dev.kubestate.exporter.resources;

import java.util.List;

/**
 * One of the five fields of a cron schedule as go-cron v0.15.1 (KSM v2.20.0's cron parser) reads
 * it: a comma list of items, each {@code *} or {@code ?} (every value), a value or a range {@code
 * a-b}, optionally followed by {@code /step}. Empty items are skipped. A range with {@code a > b}
 * wraps past the field's end ({@code 22-2} is hours 22, 23, 0, 1, 2); a lone value with a step
 * runs to the field's end; a step must be smaller than the range it divides. Month and weekday
 * names are matched case-insensitively; weekday 7 is Sunday. Values are read as Go's {@code
 * strconv.Atoi} reads them and checked with go-cron's unsigned 64-bit arithmetic, whose
 * wrap-arounds this class reproduces. Immutable and thread-safe.
 */
final class CronField {

  static final CronField MINUTE = new CronField(0, 59, List.of());
  static final CronField HOUR = new CronField(0, 23, List.of());
  static final CronField DAY_OF_MONTH = new CronField(1, 31, List.of());
  static final CronField MONTH =
      new CronField(
          1,
          12,
          List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
              "dec"));
  static final CronField DAY_OF_WEEK =
      new CronField(0, 7, List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat"));

  /** The fields in the order a schedule lists them. */
  static final List<CronField> ALL = List.of(MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK);

  /** What {@link #bits} returns for a field go-cron rejects. */
  static final long INVALID = -1;

  private static final long SUNDAY_AS_SEVEN = 1L << 7;

  private final int min;
  private final int max;
  /** Names of the values from {@link #min} on. */
  private final List<String> names;

  private CronField(int min, int max, List<String> names) {
    this.min = min;
    this.max = max;
    this.names = names;
  }

  /** The smallest value. */
  int min() {
    return min;
  }

  /** The largest value after folding Sunday 7 into 0. */
  int max() {
    return this == DAY_OF_WEEK ? 6 : max;
  }

  /**
   * The field's values as bits (bit {@code v} set for value {@code v}), possibly none, or {@link
   * #INVALID} when go-cron rejects the field.
   */
  long bits(String field) {
    long bits = 0;
    for (String item : field.split(",")) {
      if (item.isEmpty()) {
        continue;
      }
      long b = item(item);
      if (b == INVALID) {
        return INVALID;
      }
      bits |= b;
    }
    if ((bits & SUNDAY_AS_SEVEN) != 0 && this == DAY_OF_WEEK) {
      bits = (bits | 1) & ~SUNDAY_AS_SEVEN;
    }
    return bits;
  }

  private long item(String item) {
    String[] rangeAndStep = item.split("/", -1);
    String[] lowAndHigh = rangeAndStep[0].split("-", -1);
    long start;
    long end;
    if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
      start = min;
      end = max;
    } else if (lowAndHigh.length <= 2) {
      start = valueOrName(lowAndHigh[0]);
      end = lowAndHigh.length == 1 ? start : valueOrName(lowAndHigh[1]);
      if (start < 0 || end < 0) {
        return INVALID;
      }
    } else {
      return INVALID;
    }
    long step = 1;
    if (rangeAndStep.length == 2) {
      step = GoText.atoi(rangeAndStep[1]);
      if (step < 0) {
        return INVALID;
      }
      if (lowAndHigh.length == 1) {
        end = max;
      }
    } else if (rangeAndStep.length > 2) {
      return INVALID;
    }
    if (start < min || end > max || step == 0) {
      return INVALID;
    }
    // Unsigned in go-cron: a start past the end of the field (70/5) wraps the size around.
    long size = start > end ? (max - start + 1) + (end - min + 1) : end - start + 1;
    if (step > 1 && Long.compareUnsigned(step, size) >= 0) {
      return INVALID;
    }
    return start > end ? wrapped(start, end, step) : straight(start, end, step);
  }

  private static long straight(long low, long high, long step) {
    long bits = 0;
    for (long v = low; v <= high; v += step) {
      bits |= 1L << v;
    }
    return bits;
  }

  /** A range continuing past the field's end from its start, e.g. hours 22-2. */
  private long wrapped(long start, long end, long step) {
    long size = max - min + 1;
    long last = end + size;
    long bits = 0;
    for (long v = start; v <= last; v += step) {
      bits |= 1L << (v > max ? (v - min) % size + min : v);
      if (last - v < step) {
        break;
      }
    }
    return bits;
  }

  /** A name (case-insensitive) or a non-negative Go integer; -1 when neither. */
  private long valueOrName(String s) {
    if (!names.isEmpty()) {
      StringBuilder lower = new StringBuilder(s.length());
      s.codePoints().forEach(c -> lower.appendCodePoint(Character.toLowerCase(c)));
      int index = names.indexOf(lower.toString());
      if (index >= 0) {
        return min + index;
      }
    }
    return GoText.atoi(s);
  }
}
