package dev.kubestate.exporter.cli;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; no fixed sleeps. */
final class Await {

  /** Deadline for anything an exporter should do against the mock API server. */
  static final Duration DEADLINE = Duration.ofSeconds(30);

  private static final long POLL_NANOS = 20_000_000L;

  private Await() {}

  /**
   * Returns the first value {@code probe} yields that {@code done} accepts.
   *
   * @throws AssertionError naming {@code what} and the last value when the deadline passes
   */
  static <T> T until(String what, Supplier<T> probe, java.util.function.Predicate<T> done) {
    long end = System.nanoTime() + DEADLINE.toNanos();
    T last = null;
    while (System.nanoTime() < end) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
    throw new AssertionError("timed out waiting for " + what + "; last value:\n" + last);
  }
}
