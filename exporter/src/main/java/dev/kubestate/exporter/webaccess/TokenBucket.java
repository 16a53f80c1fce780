package dev.kubestate.exporter.webaccess;

import java.time.Duration;

/**
 * The web config's {@code rate_limit}, as Go's {@code rate.NewLimiter(rate.Every(interval),
 * burst)}: one token every {@code interval}, at most {@code burst} held, one taken per request. A
 * zero interval admits everything. One bucket per listener set, shared by all clients, as in the
 * toolkit. Thread-safe (a short lock; no I/O under it).
 */
final class TokenBucket {

  private final long intervalNanos;
  private final int burst;
  private double tokens;
  private long lastNanos;

  TokenBucket(Duration interval, int burst, long nowNanos) {
    this.intervalNanos = interval.toNanos();
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
  }

  /** Whether the same settings as {@code interval} and {@code burst}. */
  boolean sameAs(Duration interval, int burst) {
    return interval.toNanos() == intervalNanos && burst == this.burst;
  }

  /** Takes a token at {@code nowNanos} ({@link System#nanoTime}); false when none is left. */
  synchronized boolean tryTake(long nowNanos) {
    if (intervalNanos <= 0) {
      return true;
    }
    tokens = Math.min(burst, tokens + (double) (nowNanos - lastNanos) / intervalNanos);
    lastNanos = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return true;
    }
    return false;
  }
}
