package dev.kubestate.apiserver;

import java.time.Duration;
import java.util.Objects;

/**
 * Faults the test API server can be told to show, to test how clients live through them: LISTs
 * failing with a status code, WATCH requests refused, every response slowed. Each holds until it is
 * turned off ({@link #clear}). Outages, watches closed mid-stream and expired resourceVersions are
 * {@link EmbeddedApiServer}'s {@code suspend}, {@code closeWatches} and {@code compact}.
 * Thread-safe.
 */
public final class ApiFaults {

  private volatile int listFailure;
  private volatile boolean refuseWatches;
  private volatile Duration delay = Duration.ZERO;

  /**
   * Answers every LIST (a GET of a collection without {@code watch}) with {@code code} (e.g. 500,
   * 503, 429) and a {@code Status} body, as an overloaded or failing server does; 0 to stop.
   *
   * @throws IllegalArgumentException unless {@code code} is 0 or an HTTP error code (400-599)
   */
  public void failLists(int code) {
    if (code != 0 && (code < 400 || code > 599)) {
      throw new IllegalArgumentException("not an HTTP error code: " + code);
    }
    listFailure = code;
  }

  /** Whether new WATCH requests are answered 503 (open watches go on). */
  public void refuseWatches(boolean refuse) {
    refuseWatches = refuse;
  }

  /** Sends every response's body only after {@code delay} (zero: at once). */
  public void delayResponses(Duration delay) {
    this.delay = Objects.requireNonNull(delay, "delay");
  }

  /** Turns every fault off. */
  public void clear() {
    listFailure = 0;
    refuseWatches = false;
    delay = Duration.ZERO;
  }

  int listFailure() {
    return listFailure;
  }

  boolean refusesWatches() {
    return refuseWatches;
  }

  Duration delay() {
    return delay;
  }
}
