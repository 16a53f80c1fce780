package dev.kubestate.exporter.telemetry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Concise lines for failed LIST and WATCH requests: the resource, what failed and why (the API
 * server's status, or the innermost cause's message: {@code Connection refused}), without a stack
 * trace, since these failures are expected while an API server restarts or a network path breaks.
 * The first failure of a resource's lists (or watches) is logged at once; while they keep failing
 * (fabric8 retries each request itself, 100 ms doubling to 3.2 s, then the informer waits 1 s
 * doubling to 32 s and tries again) at most one line per {@link #REPEAT_NANOS} follows, with the
 * count of failures in a row; the first success after failures is logged with that count. 404 (a
 * kind the server does not serve, logged once by the informers) and 410 (an expired watch, relisted
 * at once) are not failures here. Thread-safe.
 */
final class ApiFailureLog {

  private static final Logger LOG = LoggerFactory.getLogger(ApiFailureLog.class);

  /** At most one repeated line per resource and request type per 30 s, in ns. */
  static final long REPEAT_NANOS = 30_000_000_000L;

  private final Map<String, Streak> streaks = new ConcurrentHashMap<>();
  private volatile boolean stopping;

  /** From now on nothing is logged: the exporter stops, and its requests fail as it closes them. */
  void stopping() {
    stopping = true;
  }

  /** A request of {@code resource} succeeded: logs the end of a failure streak, if any. */
  void succeeded(String resource, boolean watch) {
    Streak s = streaks.get(key(resource, watch));
    if (s == null) {
      return;
    }
    long ended = s.end();
    if (ended > 0) {
      LOG.info("{}: {} succeeded after {} failed", resource, watch ? "watch" : "list", ended);
    }
  }

  /** Logs the failed request's line unless one was logged lately; never throws. */
  void failed(String resource, boolean watch, int status, Throwable cause) {
    if (stopping || status == 404 || status == 410) {
      return;
    }
    try {
      Streak s = streaks.computeIfAbsent(key(resource, watch), k -> new Streak());
      long n = s.fail(System.nanoTime());
      if (n > 0) {
        LOG.warn(
            "{}: {} failed: {}{}; retrying with backoff",
            resource,
            watch ? "watch" : "list",
            status > 0 ? "HTTP " + status : cause(cause),
            n == 1 ? "" : " (" + n + " failures in a row)");
      }
    } catch (RuntimeException e) {
      // Logging must never break a request.
    }
  }

  /** Failures in a row of one resource's lists or watches. */
  private static final class Streak {
    private long failures;
    private long lastLogNanos;

    /** Counts a failure; returns the count when a line is due, else 0. */
    synchronized long fail(long now) {
      failures++;
      if (failures == 1 || now - lastLogNanos >= REPEAT_NANOS) {
        lastLogNanos = now;
        return failures;
      }
      return 0;
    }

    /** Ends the streak; returns how many failed in it. */
    synchronized long end() {
      long n = failures;
      failures = 0;
      return n;
    }
  }

  /** The innermost cause's message, or its class when it has none. */
  static String cause(Throwable t) {
    if (t == null) {
      return "no response";
    }
    Throwable innermost = t;
    while (innermost.getCause() != null && innermost.getCause() != innermost) {
      innermost = innermost.getCause();
    }
    String m = innermost.getMessage();
    return m == null || m.isBlank()
        ? innermost.getClass().getSimpleName()
        : m.replace('\n', ' ').trim();
  }

  private static String key(String resource, boolean watch) {
    return (watch ? "watch " : "list ") + resource;
  }
}
