package dev.kubestate.exporter.resources;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Kubernetes RFC 3339 timestamps as KSM exports them: whole seconds since the epoch, fractions
 * truncated (reference/ksm-behaviour.md 6). Stateless.
 */
public final class Timestamps {

  /**
   * Go's zero time (0001-01-01T00:00:00Z) in unix seconds: what KSM exports when it reads an unset
   * timestamp without checking it (e.g. a running container without {@code startedAt}).
   */
  public static final double GO_ZERO_TIME_SECONDS = -62135596800d;

  private Timestamps() {}

  /** Whether the timestamp is present (null and empty mean Go's zero time). */
  public static boolean isSet(String rfc3339) {
    return rfc3339 != null && !rfc3339.isEmpty();
  }

  /**
   * Seconds since the epoch, truncated toward negative infinity to whole seconds.
   *
   * @throws IllegalArgumentException for an unparsable timestamp (the family is then skipped for
   *     that object by the framework)
   */
  public static double seconds(String rfc3339) {
    try {
      return OffsetDateTime.parse(rfc3339).toEpochSecond();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an RFC 3339 timestamp: \"" + rfc3339 + "\"", e);
    }
  }

  /**
   * Like {@link #seconds}, but an unset timestamp gives {@link #GO_ZERO_TIME_SECONDS}, as KSM
   * exports fields it reads without a zero check.
   *
   * @throws IllegalArgumentException for an unparsable timestamp
   */
  public static double secondsOrZeroTime(String rfc3339) {
    return isSet(rfc3339) ? seconds(rfc3339) : GO_ZERO_TIME_SECONDS;
  }
}
