package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * go-cron's standard parser (KSM v2.20.0's, see {@link CronSchedule}) and its next activation,
 * stated from cron semantics, go-cron's parser rules and the calendar (2018-03-11 was a Sunday,
 * 2018-10-01 a Monday, 2028-02-29 a Tuesday). The local zone is UTC unless a case names another.
 */
class CronScheduleTest {

  /** KSM's cronjob_test.go lastScheduleTime, a Sunday. */
  private static final String T0 = "2018-03-11T04:34:56Z";

  @ParameterizedTest(name = "{0} after {1} is {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        // KSM's TestGetNextScheduledTime: UTC, and Asia/Shanghai (UTC+8).
        "0 */6 * * *                       | " + T0 + " | 2018-03-11T06:00:00Z",
        "CRON_TZ=Asia/Shanghai 0 */6 * * * | " + T0 + " | 2018-03-11T10:00:00Z",
        // Strictly after the start.
        "0 0 * * *                         | 2018-03-11T00:00:00Z | 2018-03-12T00:00:00Z",
        "@hourly                           | " + T0 + " | 2018-03-11T05:00:00Z",
        "@daily                            | " + T0 + " | 2018-03-12T00:00:00Z",
        "@midnight                         | " + T0 + " | 2018-03-12T00:00:00Z",
        "@weekly                           | " + T0 + " | 2018-03-18T00:00:00Z",
        "@monthly                          | " + T0 + " | 2018-04-01T00:00:00Z",
        "@yearly                           | " + T0 + " | 2019-01-01T00:00:00Z",
        "@annually                         | " + T0 + " | 2019-01-01T00:00:00Z",
        // @every: Go durations, truncated to whole seconds.
        "@every 1h30m                      | " + T0 + " | 2018-03-11T06:04:56Z",
        "@every 90s                        | " + T0 + " | 2018-03-11T04:36:26Z",
        "@every .5m                        | " + T0 + " | 2018-03-11T04:35:26Z",
        "@every 1.5s                       | " + T0 + " | 2018-03-11T04:34:57Z",
        // Day of month AND day of week (go-cron's default): the first 1st that is a Monday.
        "0 0 1 * MON                       | " + T0 + " | 2018-10-01T00:00:00Z",
        // A restricted weekday with any day of month: weekdays only.
        "0 0 * * 1-5                       | 2018-03-16T12:00:00Z | 2018-03-19T00:00:00Z",
        // Sunday is 0, 7 or sun.
        "0 0 * * 7                         | " + T0 + " | 2018-03-18T00:00:00Z",
        "0 0 * * sun                       | " + T0 + " | 2018-03-18T00:00:00Z",
        "0 0 * JAN-mar Sun                 | " + T0 + " | 2018-03-18T00:00:00Z",
        // Ranges wrap around: Friday to Monday, hours 22 to 2.
        "0 0 * * FRI-MON                   | 2018-03-12T12:00:00Z | 2018-03-16T00:00:00Z",
        "30 22-2 * * *                     | " + T0 + " | 2018-03-11T22:30:00Z",
        "30 22-2 * * *                     | 2018-03-12T00:45:00Z | 2018-03-12T01:30:00Z",
        // Steps below the range size; a lone start with a step runs to the field's end.
        "*/59 * * * *                      | " + T0 + " | 2018-03-11T04:59:00Z",
        "0-58/58 * * * *                   | " + T0 + " | 2018-03-11T04:58:00Z",
        // go-cron's unsigned arithmetic: 70/5 wraps to minutes 10, 15, ..., 55.
        "70/5 * * * *                      | 2018-03-11T04:56:00Z | 2018-03-11T05:10:00Z",
        // Go's Atoi takes a sign; empty list items are skipped; ? is a wildcard.
        "+5 * * * *                        | " + T0 + " | 2018-03-11T05:05:00Z",
        "0,,30 * * * *                     | " + T0 + " | 2018-03-11T05:00:00Z",
        "0 0 ? * *                         | " + T0 + " | 2018-03-12T00:00:00Z",
        // Fields split on any Go white space.
        "0\t0 * *\u2003*                   | " + T0 + " | 2018-03-12T00:00:00Z",
        // Zones: TZ= or CRON_TZ=, quotes stripped, Local is the process zone (UTC here).
        "CRON_TZ=Asia/Tokyo 0 9 * * *      | " + T0 + " | 2018-03-12T00:00:00Z",
        "CRON_TZ=Local 0 9 * * *           | " + T0 + " | 2018-03-11T09:00:00Z",
        "CRON_TZ=UTC 0 9 * * *             | " + T0 + " | 2018-03-11T09:00:00Z",
        "CRON_TZ=America/New_York 0 2 * * *| 2018-07-01T00:00:00Z | 2018-07-01T06:00:00Z",
        // The search spans five calendar years from the start's year.
        "0 0 29 2 *                        | " + T0 + " | 2020-02-29T00:00:00Z",
        "0 0 29 2 2                        | 2023-03-01T00:00:00Z | 2028-02-29T00:00:00Z",
      })
  void activatesNextAsGoCron(String spec, String from, String expected) {
    assertEquals(
        seconds(expected),
        CronSchedule.parse(spec, ZoneOffset.UTC).orElseThrow().next(seconds(from)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"TZ=\"Asia/Tokyo\" 0 9 * * *", "TZ='Asia/Tokyo' 0 9 * * *"})
  void stripsQuotesAroundTheZone(String spec) {
    assertEquals(
        seconds("2018-03-12T00:00:00Z"),
        CronSchedule.parse(spec, ZoneOffset.UTC).orElseThrow().next(seconds(T0)));
  }

  @Test
  void trimsTheScheduleAfterAZonePrefixOnly() {
    assertEquals(
        seconds("2018-03-12T00:00:00Z"),
        CronSchedule.parse("CRON_TZ=UTC @daily ", ZoneOffset.UTC).orElseThrow().next(seconds(T0)));
    assertTrue(CronSchedule.parse("@daily ", ZoneOffset.UTC).isEmpty());
  }

  @Test
  void readsScheduleWithoutPrefixInTheLocalZone() {
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");

    assertEquals(
        seconds("2018-03-12T00:00:00Z"),
        CronSchedule.parse("0 9 * * *", tokyo).orElseThrow().next(seconds(T0)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0 0 29 2 1", // Feb 29 on a Monday: next in 2044, past the five-year search
        "0 0 30 2 *",
        "0 0 , * *", // a field without values
        "70-5 * * * *", // go-cron's unsigned arithmetic leaves this range empty
        "@triggered",
        "@manual",
        "@none"
      })
  void neverActivatesWithinFiveYears(String spec) {
    assertEquals(
        CronSchedule.NEVER,
        CronSchedule.parse(spec, ZoneOffset.UTC).orElseThrow().next(seconds(T0)));
  }

  @Test
  void endsTheSearchAfterFiveCalendarYears() {
    CronSchedule feb29OnTuesday = CronSchedule.parse("0 0 29 2 2", ZoneOffset.UTC).orElseThrow();

    assertEquals(CronSchedule.NEVER, feb29OnTuesday.next(seconds("2022-03-01T00:00:00Z")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "*/60 * * * *", // a step must be smaller than its range
        "*/120 4-22 * * *",
        "0 1 */32,1-7 * 3",
        "30/30 * * * *", // 30-59 holds 30 values
        "*/0 * * * *",
        "* * * *",
        "* * * * * *",
        "60 * * * *",
        "* 24 * * *",
        "0 0 0 * *",
        "0 0 * 13 *",
        "0 0 * * 8",
        "1-2-3 * * * *",
        "1/2/3 * * * *",
        "-1 * * * *",
        "a * * * *",
        "jan * * * *",
        "0 0 * * MON-",
        "99999999999999999999 * * * *",
        "H * * * *",
        "0 0 L * *",
        "0 0 * * 5#3",
        " @daily",
        "@daily ",
        "@Daily",
        "@reboot",
        "@every",
        "@every 500ms",
        "@every 0",
        "@every -1h",
        "@every 1h ",
        "@every 1x",
        "CRON_TZ=Invalid/Zone 0 * * * *",
        "CRON_TZ= 0 * * * *",
        "CRON_TZ=+01:00 0 * * * *",
        "CRON_TZ=Europe/Paris;x 0 * * * *",
        "CRON_TZ=UTC",
        "CRON_TZ=UTC ",
        "CRON_TZ=Asia/Tokyo TZ=UTC 0 * * * *"
      })
  void rejectsWhatGoCronRejects(String spec) {
    assertTrue(CronSchedule.parse(spec, ZoneOffset.UTC).isEmpty(), spec);
  }

  @Test
  void rejectsSpecsOverOneKibibyte() {
    String spec = "0 0 * * " + "1,".repeat(510) + "1";

    assertTrue(spec.length() > 1024);
    assertTrue(CronSchedule.parse(spec, ZoneOffset.UTC).isEmpty());
    assertTrue(CronSchedule.parse(spec.substring(0, 1015), ZoneOffset.UTC).isPresent());
  }

  private static long seconds(String rfc3339) {
    return Instant.parse(rfc3339).getEpochSecond();
  }
}
