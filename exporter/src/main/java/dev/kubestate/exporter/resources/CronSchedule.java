package dev.kubestate.exporter.resources;

import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A cron schedule as KSM v2.20.0 reads a CronJob's: with the standard parser of {@code
 * github.com/netresearch/go-cron} (v0.15.1, the maintained robfig/cron fork KSM switched to), and
 * its next activation as that parser's schedule computes it. What go-cron accepts differs from
 * robfig/cron and from POSIX cron, and this class reproduces go-cron's rules:
 *
 * <ul>
 *   <li>an optional {@code TZ=<zone>} or {@code CRON_TZ=<zone>} prefix (quotes around the zone
 *       stripped; IANA names, {@code UTC} and {@code Local}); without it the schedule runs in the
 *       process's zone ({@code Local});
 *   <li>the descriptors {@code @yearly @annually @monthly @weekly @daily @midnight @hourly}, {@code
 *       @every <Go duration>} of at least one second, and {@code @triggered @manual @none}, which
 *       never activate;
 *   <li>otherwise exactly five fields (minute, hour, day of month, month, day of week), each a
 *       comma list of {@code *}, {@code ?}, a value, a range {@code a-b} (wrapping around when
 *       {@code a > b}, e.g. {@code 22-2}), optionally {@code /step}; month and weekday names; 7 is
 *       Sunday too. A step must be smaller than its range ({@code *}{@code /60} in minutes is
 *       rejected);
 *   <li>day of month and day of week must BOTH match (go-cron's default since v0.9.0; robfig/cron
 *       and POSIX cron match either when both are restricted).
 * </ul>
 *
 * The calendar search is cron-utils' {@link ExecutionTime}, fed with the value sets parsed here,
 * so that only go-cron's grammar is written in this class. Like go-cron, a schedule that does not
 * activate within five calendar years of the start gives Go's zero time. Known difference: around
 * a daylight-saving transition of the schedule's zone, go-cron's search can activate inside the
 * repeated hour twice or move a skipped activation to the next hour, where cron-utils activates
 * at most once and skips; outside such hours both agree. Immutable and thread-safe.
 */
final class CronSchedule {

  /** Go's zero time in unix seconds: what go-cron returns for "never" and KSM then exports. */
  static final long NEVER = (long) Timestamps.GO_ZERO_TIME_SECONDS;

  private static final int MAX_SPEC_BYTES = 1024;
  private static final int MAX_ZONE_LENGTH = 64;
  private static final int SEARCH_YEARS = 5;

  private static final Field MINUTE = new Field(0, 59, null);
  private static final Field HOUR = new Field(0, 23, null);
  private static final Field DAY_OF_MONTH = new Field(1, 31, null);
  private static final Field MONTH =
      new Field(1, 12, new String[] {
        null, "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
      });
  private static final Field DAY_OF_WEEK =
      new Field(0, 7, new String[] {"sun", "mon", "tue", "wed", "thu", "fri", "sat"});

  /** The five fields in the order a schedule lists them. */
  private static final List<Field> FIELDS =
      List.of(MINUTE, HOUR, DAY_OF_MONTH, MONTH, DAY_OF_WEEK);

  private static final Set<String> NEVER_ACTIVE = Set.of("@triggered", "@manual", "@none");

  /** The tz database names Go's embedded tzdata resolves; java.time ships the same database. */
  private static final Set<String> ZONE_NAMES = Set.copyOf(ZoneId.getAvailableZoneIds());

  /** Five fields, day of month AND day of week, Sunday 0; only fed value lists built here. */
  private static final CronParser CALENDARS = new CronParser(calendarDefinition());

  private final ExecutionTime calendar;
  private final ZoneId zone;
  private final long everySeconds;

  private CronSchedule(ExecutionTime calendar, ZoneId zone, long everySeconds) {
    this.calendar = calendar;
    this.zone = zone;
    this.everySeconds = everySeconds;
  }

  /**
   * Parses a schedule as go-cron's {@code ParseStandard}.
   *
   * @param spec the schedule, possibly prefixed {@code CRON_TZ=<zone> }; null reads as empty
   * @param localZone the zone of a schedule without prefix (KSM: the process's local zone)
   * @return the schedule, or empty when go-cron rejects it
   */
  static Optional<CronSchedule> parse(String spec, ZoneId localZone) {
    if (spec == null || spec.isEmpty()
        || spec.getBytes(StandardCharsets.UTF_8).length > MAX_SPEC_BYTES) {
      return Optional.empty();
    }
    ZoneId zone = localZone;
    String rest = spec;
    if (spec.startsWith("TZ=") || spec.startsWith("CRON_TZ=")) {
      int space = spec.indexOf(' ');
      if (space < 0) {
        return Optional.empty();
      }
      zone = zone(unquote(spec.substring(spec.indexOf('=') + 1, space)), localZone);
      rest = trimGoSpace(spec.substring(space));
      if (zone == null || rest.isEmpty()) {
        return Optional.empty();
      }
    }
    if (rest.startsWith("@")) {
      return descriptor(rest, zone);
    }
    String[] fields = splitGoSpace(rest);
    if (fields.length != 5) {
      return Optional.empty();
    }
    long[] bits = new long[5];
    for (int i = 0; i < 5; i++) {
      bits[i] = FIELDS.get(i).bits(fields[i]);
      if (bits[i] < 0) {
        return Optional.empty();
      }
    }
    return Optional.of(calendar(bits, zone));
  }

  /**
   * The first activation strictly after {@code epochSecond}, in unix seconds; {@link #NEVER} when
   * the schedule does not activate within five calendar years (go-cron's search limit).
   */
  long next(long epochSecond) {
    if (everySeconds > 0) {
      return epochSecond + everySeconds;
    }
    if (calendar == null) {
      return NEVER;
    }
    ZonedDateTime from = Instant.ofEpochSecond(epochSecond).atZone(zone);
    int lastYear = from.plusSeconds(1).getYear() + SEARCH_YEARS;
    return calendar
        .nextExecution(from)
        .filter(t -> t.getYear() <= lastYear)
        .map(ZonedDateTime::toEpochSecond)
        .orElse(NEVER);
  }

  private static Optional<CronSchedule> descriptor(String spec, ZoneId zone) {
    long all = -1L;
    switch (spec) {
      case "@yearly":
      case "@annually":
        return Optional.of(calendar(new long[] {1, 1, 1L << 1, 1L << 1, all}, zone));
      case "@monthly":
        return Optional.of(calendar(new long[] {1, 1, 1L << 1, all, all}, zone));
      case "@weekly":
        return Optional.of(calendar(new long[] {1, 1, all, all, 1}, zone));
      case "@daily":
      case "@midnight":
        return Optional.of(calendar(new long[] {1, 1, all, all, all}, zone));
      case "@hourly":
        return Optional.of(calendar(new long[] {1, all, all, all, all}, zone));
      default:
        break;
    }
    if (NEVER_ACTIVE.contains(spec)) {
      return Optional.of(new CronSchedule(null, zone, 0));
    }
    if (!spec.startsWith("@every ")) {
      return Optional.empty();
    }
    long nanos = GoNumbers.durationNanos(spec.substring("@every ".length()));
    if (nanos == GoNumbers.INVALID || nanos < 1_000_000_000L) {
      return Optional.empty();
    }
    // go-cron truncates the delay to whole seconds and drops the start's fraction of a second.
    return Optional.of(new CronSchedule(null, zone, nanos / 1_000_000_000L));
  }

  /** A calendar schedule from value bit sets (minute, hour, day, month, weekday 0-6). */
  private static CronSchedule calendar(long[] bits, ZoneId zone) {
    StringBuilder expression = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      Field f = FIELDS.get(i);
      int max = f == DAY_OF_WEEK ? 6 : f.max;
      StringBuilder values = new StringBuilder();
      int count = 0;
      for (int v = f.min; v <= max; v++) {
        if ((bits[i] & (1L << v)) != 0) {
          values.append(count++ == 0 ? "" : ",").append(v);
        }
      }
      if (count == 0) {
        // A field without any value never matches: go-cron searches its five years in vain.
        return new CronSchedule(null, zone, 0);
      }
      expression.append(i == 0 ? "" : " ").append(count == max - f.min + 1 ? "*" : values);
    }
    return new CronSchedule(
        ExecutionTime.forCron(CALENDARS.parse(expression.toString())), zone, 0);
  }

  private static CronDefinition calendarDefinition() {
    return CronDefinitionBuilder.defineCron()
        .withMinutes().withValidRange(0, 59).withStrictRange().and()
        .withHours().withValidRange(0, 23).withStrictRange().and()
        .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
        .withMonth().withValidRange(1, 12).withStrictRange().and()
        .withDayOfWeek().withValidRange(0, 6).withMondayDoWValue(1).withStrictRange().and()
        .matchDayOfWeekAndDayOfMonth()
        .instance();
  }

  /**
   * The zone a TZ prefix names, as go-cron checks it (non-empty, at most 64 characters of {@code
   * [A-Za-z0-9/_+:-]}) and Go's {@code time.LoadLocation} resolves it; null when unknown.
   */
  private static ZoneId zone(String name, ZoneId localZone) {
    if (name.isEmpty() || name.length() > MAX_ZONE_LENGTH) {
      return null;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '/' || c == '_' || c == '-' || c == '+' || c == ':';
      if (!allowed) {
        return null;
      }
    }
    if (name.equals("UTC")) {
      return ZoneOffset.UTC;
    }
    if (name.equals("Local")) {
      return localZone;
    }
    // Only tz database names: ZoneId.of would also take offsets such as "+01:00", Go does not.
    return ZONE_NAMES.contains(name) ? ZoneId.of(name) : null;
  }

  private static String unquote(String zone) {
    int n = zone.length();
    if (n >= 2 && zone.charAt(0) == zone.charAt(n - 1)
        && (zone.charAt(0) == '"' || zone.charAt(0) == '\'')) {
      return zone.substring(1, n - 1);
    }
    return zone;
  }

  /** Go's {@code unicode.IsSpace}, which {@code strings.Fields} and {@code TrimSpace} split on. */
  private static boolean isGoSpace(int c) {
    switch (c) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F,
          0x3000:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200A;
    }
  }

  private static String trimGoSpace(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && isGoSpace(s.charAt(start))) {
      start++;
    }
    while (end > start && isGoSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(start, end);
  }

  private static String[] splitGoSpace(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && isGoSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < s.length() && !isGoSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out.toArray(new String[0]);
  }

  /** One cron field's bounds and names, and go-cron's grammar for it. */
  private static final class Field {
    final int min;
    final int max;
    final String[] names;

    Field(int min, int max, String[] names) {
      this.min = min;
      this.max = max;
      this.names = names;
    }

    /** The field's values as bits (Sunday 7 folded into 0), or -1 when go-cron rejects it. */
    long bits(String field) {
      long bits = 0;
      for (String item : field.split(",")) {
        if (item.isEmpty()) {
          continue;
        }
        long b = range(item);
        if (b < 0) {
          return -1;
        }
        bits |= b;
      }
      if (this == DAY_OF_WEEK && (bits & (1L << 7)) != 0) {
        bits = (bits | 1) & ~(1L << 7);
      }
      return bits;
    }

    /** {@code *|?|a[-b][/step]}; go-cron's arithmetic is unsigned 64-bit, as here. */
    private long range(String item) {
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
          return -1;
        }
      } else {
        return -1;
      }
      long step = 1;
      if (rangeAndStep.length == 2) {
        step = GoNumbers.atoi(rangeAndStep[1]);
        if (step < 0) {
          return -1;
        }
        if (lowAndHigh.length == 1) {
          end = max;
        }
      } else if (rangeAndStep.length > 2) {
        return -1;
      }
      if (start < min || end > max || step == 0) {
        return -1;
      }
      long size = start > end ? (max - start + 1) + (end - min + 1) : end - start + 1;
      if (step > 1 && Long.compareUnsigned(step, size) >= 0) {
        return -1;
      }
      return start > end ? wrappedBits(start, end, step) : bits(start, end, step);
    }

    private static long bits(long low, long high, long step) {
      long bits = 0;
      for (long v = low; v <= high; v += step) {
        bits |= 1L << v;
      }
      return bits;
    }

    /** A range past the field's end continuing from its start, e.g. hours 22-2. */
    private long wrappedBits(long start, long end, long step) {
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
      if (names != null) {
        StringBuilder lower = new StringBuilder(s.length());
        s.codePoints().forEach(c -> lower.appendCodePoint(Character.toLowerCase(c)));
        for (int i = 0; i < names.length; i++) {
          if (lower.toString().equals(names[i])) {
            return i;
          }
        }
      }
      return GoNumbers.atoi(s);
    }
  }
}
