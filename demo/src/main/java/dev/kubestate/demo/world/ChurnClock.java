package dev.kubestate.demo.world;

import java.time.Instant;

/**
 * The time of a churn: it starts at {@link ClusterRandom#EPOCH}, moves one second per change, and
 * jumps forward to the next run of a CronJob when the churn runs one that is not due yet. Never
 * moves back. Not thread-safe.
 */
final class ChurnClock {

  private long seconds;

  /** Moves one second on. */
  void tick() {
    seconds++;
  }

  /** Moves on to {@code t} if it is later. */
  void advanceTo(Instant t) {
    seconds = Math.max(seconds, -ClusterRandom.secondsBefore(t));
  }

  Instant now() {
    return ClusterRandom.EPOCH.plusSeconds(seconds);
  }

  /** {@link #now} in RFC 3339. */
  String text() {
    return ClusterRandom.after(seconds);
  }
}
