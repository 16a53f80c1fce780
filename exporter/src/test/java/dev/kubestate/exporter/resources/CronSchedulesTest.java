package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The schedule cache answers as a fresh parse, per local zone, and stays bounded. */
class CronSchedulesTest {

  @Test
  void secondLookupIsTheCachedParse() {
    Optional<CronSchedule> first = CronSchedules.parse("*/7 3 * * *", ZoneOffset.UTC);
    assertSame(first, CronSchedules.parse("*/7 3 * * *", ZoneOffset.UTC));
    assertEquals(first.orElseThrow().next(0), CronSchedule.parse("*/7 3 * * *", ZoneOffset.UTC)
        .orElseThrow().next(0));
  }

  @Test
  void anotherLocalZoneParsesAgain() {
    ZoneId tokyo = ZoneId.of("Asia/Tokyo");
    long utc = CronSchedules.parse("0 9 * * *", ZoneOffset.UTC).orElseThrow().next(0);
    long local = CronSchedules.parse("0 9 * * *", tokyo).orElseThrow().next(0);
    assertEquals(9 * 3600, utc);
    assertEquals(24 * 3600, local);
  }

  @Test
  void staysBounded() {
    for (int i = 0; i < CronSchedules.MAX_ENTRIES * 2 + 5; i++) {
      CronSchedules.parse("0 0 * * * #" + i, ZoneOffset.UTC);
      assertTrue(CronSchedules.size() <= CronSchedules.MAX_ENTRIES);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0000", "\uFFFF * * * *", "CRON_TZ=\uD800 0 * * * *", "@every 1e400h",
      "@every -1s", "*/0 * * * *", "1-0/0 * * * *", "CRON_TZ= ", "TZ=UTC", "60 24 32 13 8"})
  void oddSchedulesAreInvalidWithoutThrowing(String spec) {
    assertTrue(CronSchedules.parse(spec, ZoneOffset.UTC).isEmpty());
  }

  @Test
  void searchFromAnExtremeStartIsNever() {
    CronSchedule hourly = CronSchedule.parse("@hourly", ZoneOffset.UTC).orElseThrow();
    assertEquals(CronSchedule.NEVER, hourly.next(Long.MAX_VALUE / 2));
  }
}
