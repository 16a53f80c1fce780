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
    OffsetDateTime t = parse(rfc3339);
    if (t == null) {
      return Double.NaN;
    }
    long s = t.toEpochSecond();
    return s == (long) GO_ZERO_TIME_SECONDS && t.getNano() == 0 ? Double.NaN : s;
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
