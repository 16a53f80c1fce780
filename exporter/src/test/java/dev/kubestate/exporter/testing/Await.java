package dev.kubestate.exporter.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes; no fixed sleeps. */
public final class Await {

  /** Deadline for anything an exporter should do against the mock API server. */
  public static final Duration DEADLINE = Duration.ofSeconds(30);

  private static final Duration POLL = Duration.ofMillis(20);

  private Await() {}

  /**
   * Returns the first value {@code probe} yields that {@code done} accepts, polling every 20 ms for
   * at most {@link #DEADLINE}.
   *
   * @throws AssertionError naming {@code what} and the last value when the deadline passes
   */
  public static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
    return until(what, DEADLINE, POLL, probe, done);
  }

  /**
   * Returns the first value {@code probe} yields that {@code done} accepts, probing every {@code
   * poll} until {@code deadline} has passed; an exception from {@code probe} ends the wait.
   *
   * @throws AssertionError naming {@code what} and the last value when the deadline passes
   */
  public static <T> T until(
      String what, Duration deadline, Duration poll, Supplier<T> probe, Predicate<T> done) {
    long end = System.nanoTime() + deadline.toNanos();
    T last = null;
    while (System.nanoTime() < end) {
      last = probe.get();
      if (done.test(last)) {
        return last;
      }
      LockSupport.parkNanos(poll.toNanos());
    }
    throw new AssertionError("timed out waiting for " + what + "; last value:\n" + last);
  }
}
