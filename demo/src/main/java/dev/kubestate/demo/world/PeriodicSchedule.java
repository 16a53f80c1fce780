package dev.kubestate.demo.world;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A CronJob schedule of a fixed period, which the demo's CronJobs use and its churn computes run
 * times with: its cron text and time zone, and the times it fires, as a period and an offset into
 * it in the zone's local time. Covers the shapes the demo uses (every n minutes, hourly, daily,
 * weekly), not cron in general; the exporter's own parser of any schedule is {@link
 * dev.kubestate.exporter.resources.CronSchedule}. Immutable.
 *
 * @param cron the {@code spec.schedule} text
 * @param timeZone the {@code spec.timeZone}, or null for the controller's zone (UTC)
 * @param periodMinutes minutes between two runs, local time
 * @param offsetMinutes minutes from a multiple of the period, counted from 1970-01-01T00:00 local
 *     time, to a run
 */
record PeriodicSchedule(String cron, String timeZone, long periodMinutes, long offsetMinutes) {

  private static final long DAY = 1440;

  /** Runs every {@code n} minutes, {@code n} dividing an hour. */
  static PeriodicSchedule everyMinutes(int n) {
    return new PeriodicSchedule("*/" + n + " * * * *", null, n, 0);
  }

  /** Runs every hour at {@code minute}. */
  static PeriodicSchedule hourly(int minute) {
    return new PeriodicSchedule(minute + " * * * *", null, 60, minute);
  }

  /** Runs every day at {@code hour:minute} in {@code timeZone} (null: UTC). */
  static PeriodicSchedule daily(int hour, int minute, String timeZone) {
    return new PeriodicSchedule(minute + " " + hour + " * * *", timeZone, DAY, hour * 60L + minute);
  }

  /** Runs every week on {@code dayOfWeek} (0 Sunday) at {@code hour:minute} in the zone. */
  static PeriodicSchedule weekly(int dayOfWeek, int hour, int minute, String timeZone) {
    // 1970-01-01 was a Thursday, day 4.
    long day = Math.floorMod(dayOfWeek - 4, 7);
    return new PeriodicSchedule(
        minute + " " + hour + " * * " + dayOfWeek,
        timeZone,
        7 * DAY,
        day * DAY + hour * 60L + minute);
  }

  /**
   * The schedule {@code cron} in {@code timeZone}, of one of the shapes the factories make.
   *
   * @throws IllegalArgumentException for any other schedule
   */
  static PeriodicSchedule parse(String cron, String timeZone) {
    String[] f = cron.split(" ");
    if (f.length == 5 && f[2].equals("*") && f[3].equals("*")) {
      if (f[0].startsWith("*/") && f[1].equals("*") && f[4].equals("*") && timeZone == null) {
        return everyMinutes(Integer.parseInt(f[0].substring(2)));
      }
      if (f[1].equals("*") && f[4].equals("*") && timeZone == null) {
        return hourly(Integer.parseInt(f[0]));
      }
      if (!f[1].equals("*") && f[4].equals("*")) {
        return daily(Integer.parseInt(f[1]), Integer.parseInt(f[0]), timeZone);
      }
      if (!f[1].equals("*")) {
        return weekly(
            Integer.parseInt(f[4]), Integer.parseInt(f[1]), Integer.parseInt(f[0]), timeZone);
      }
    }
    throw new IllegalArgumentException("unsupported schedule \"" + cron + "\"");
  }

  /** The last run at or before {@code t}. */
  Instant lastAtOrBefore(Instant t) {
    ZoneId zone = zone();
    long local = LocalDateTime.ofInstant(t, zone).toEpochSecond(ZoneOffset.UTC) / 60;
    return instant(
        Math.floorDiv(local - offsetMinutes, periodMinutes) * periodMinutes + offsetMinutes, zone);
  }

  /** The first run after {@code t}. */
  Instant nextAfter(Instant t) {
    ZoneId zone = zone();
    Instant last = lastAtOrBefore(t);
    long local = LocalDateTime.ofInstant(last, zone).toEpochSecond(ZoneOffset.UTC) / 60;
    Instant next = instant(local + periodMinutes, zone);
    // Across a daylight-saving change a local time may come round twice; skip to a later one.
    return next.isAfter(t) ? next : instant(local + 2 * periodMinutes, zone);
  }

  private ZoneId zone() {
    return timeZone == null ? ZoneOffset.UTC : ZoneId.of(timeZone);
  }

  private static Instant instant(long localMinutes, ZoneId zone) {
    return LocalDateTime.ofEpochSecond(localMinutes * 60, 0, ZoneOffset.UTC)
        .atZone(zone)
        .toInstant();
  }
}
