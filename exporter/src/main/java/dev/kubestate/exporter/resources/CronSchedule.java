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
 *   <li>otherwise exactly five {@link CronField}s (minute, hour, day of month, month, day of
 *       week) separated by white space, with wrapping ranges such as {@code 22-2} and steps
 *       smaller than their range ({@code *}{@code /60} in minutes is rejected);
 *   <li>day of month and day of week must BOTH match (go-cron's default since v0.9.0; robfig/cron
 *       and POSIX cron match either when both are restricted).
 * </ul>
 *
 * The calendar search is cron-utils' {@link ExecutionTime}, fed with the value sets go-cron's
 * grammar gives, so that only that grammar is ours. Like go-cron, a schedule that does not
 * activate within five calendar years of the start gives Go's zero time. Known difference: around
 * a daylight-saving transition of the schedule's zone, go-cron's search can activate inside the
 * repeated hour twice or move a skipped activation to the next hour, where cron-utils activates
 * at most once and skips; outside such hours both agree. Total: {@link #parse} answers empty and
 * {@link #next} {@link #NEVER} for anything else, however odd. Immutable and thread-safe.
 */
final class CronSchedule {

  /** Go's zero time in unix seconds: what go-cron returns for "never" and KSM then exports. */
  static final long NEVER = (long) Timestamps.GO_ZERO_TIME_SECONDS;

  private static final int MAX_SPEC_BYTES = 1024;
  private static final int MAX_ZONE_LENGTH = 64;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final int SEARCH_YEARS = 5;

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
    try {
      return parseStandard(spec, localZone);
    } catch (RuntimeException e) {
      // cron-utils rejecting what the grammar above let through: go-cron rejects it too
      return Optional.empty();
    }
  }

  private static Optional<CronSchedule> parseStandard(String spec, ZoneId localZone) {
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
      rest = GoText.trimSpace(spec.substring(space));
      if (zone == null || rest.isEmpty()) {
        return Optional.empty();
      }
    }
    if (rest.startsWith("@")) {
      return descriptor(rest, zone);
    }
    String[] fields = GoText.fields(rest);
    if (fields.length != 5) {
      return Optional.empty();
    }
    long[] bits = new long[5];
    for (int i = 0; i < 5; i++) {
      bits[i] = CronField.ALL.get(i).bits(fields[i]);
      if (bits[i] == CronField.INVALID) {
        return Optional.empty();
      }
    }
    return Optional.of(calendar(bits, zone));
  }

  /**
   * The first activation strictly after {@code epochSecond}, in unix seconds; {@link #NEVER} when
   * the schedule does not activate within five calendar years (go-cron's search limit), or
   * when the search cannot run from that start (a year beyond what java.time or cron-utils
   * handle).
   */
  long next(long epochSecond) {
    if (everySeconds > 0) {
      return epochSecond + everySeconds;
    }
    if (calendar == null) {
      return NEVER;
    }
    try {
      ZonedDateTime from = Instant.ofEpochSecond(epochSecond).atZone(zone);
      int lastYear = from.plusSeconds(1).getYear() + SEARCH_YEARS;
      return calendar
          .nextExecution(from)
          .filter(t -> t.getYear() <= lastYear)
          .map(ZonedDateTime::toEpochSecond)
          .orElse(NEVER);
    } catch (RuntimeException e) {
      return NEVER;
    }
  }

  /** go-cron's descriptors; in the bit sets bit v is value v (minute 0 is 1, day 1 is 1L << 1). */
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
    long nanos = GoText.durationNanos(spec.substring("@every ".length()));
    if (nanos == GoText.INVALID || nanos < NANOS_PER_SECOND) {
      return Optional.empty();
    }
    // go-cron truncates the delay to whole seconds and drops the start's fraction of a second.
    return Optional.of(new CronSchedule(null, zone, nanos / NANOS_PER_SECOND));
  }

  /** A calendar schedule from value bit sets (minute, hour, day, month, weekday 0-6). */
  private static CronSchedule calendar(long[] bits, ZoneId zone) {
    StringBuilder expression = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      CronField field = CronField.ALL.get(i);
      StringBuilder values = new StringBuilder();
      int count = 0;
      for (int v = field.min(); v <= field.max(); v++) {
        if ((bits[i] & (1L << v)) != 0) {
          values.append(count++ == 0 ? "" : ",").append(v);
        }
      }
      if (count == 0) {
        // A field without any value never matches: go-cron searches its five years in vain.
        return new CronSchedule(null, zone, 0);
      }
      boolean every = count == field.max() - field.min() + 1;
      expression.append(i == 0 ? "" : " ").append(every ? "*" : values);
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
}
