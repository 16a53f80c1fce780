package dev.kubestate.exporter.resources;

import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed CronJob schedules by their text, so that rendering a CronJob (two families read its
 * schedule) and re-rendering it on every update parse each schedule once. Bounded: past {@value
 * #MAX_ENTRIES} schedules the cache starts over, so odd or hostile schedules cannot grow it.
 * Thread-safe: informer threads share it; a lost race parses twice, with the same result.
 */
final class CronSchedules {

  static final int MAX_ENTRIES = 4096;

  private static final Map<String, Parsed> CACHE = new ConcurrentHashMap<>();

  /** A parse result and the local zone it was made for. */
  private record Parsed(ZoneId localZone, Optional<CronSchedule> schedule) {}

  private CronSchedules() {}

  /**
   * As {@link CronSchedule#parse}, from the cache when this text was parsed for the same local
   * zone. Allocates nothing on a hit.
   */
  static Optional<CronSchedule> parse(String spec, ZoneId localZone) {
    Parsed hit = spec == null ? null : CACHE.get(spec);
    if (hit != null && hit.localZone().equals(localZone)) {
      return hit.schedule();
    }
    Optional<CronSchedule> schedule = CronSchedule.parse(spec, localZone);
    if (spec != null) {
      if (CACHE.size() >= MAX_ENTRIES) {
        CACHE.clear();
      }
      CACHE.put(spec, new Parsed(localZone, schedule));
    }
    return schedule;
  }

  /** How many schedules the cache holds (tests). */
  static int size() {
    return CACHE.size();
  }
}
