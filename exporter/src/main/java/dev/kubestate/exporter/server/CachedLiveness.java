package dev.kubestate.exporter.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code /livez} without waiting on a slow API server: each probe starts a check of the API
 * server (unless one is running) and answers with its result when it comes within {@link
 * #ANSWER_WITHIN_MILLIS}, otherwise with the result of the last check that finished; before any
 * check has finished, with "not live". A check that takes longer than {@link
 * #CHECK_TIMEOUT_SECONDS} counts as failed. So a probe answers in about half a second at most,
 * well inside a kubelet probe's timeout, and the meaning stays KSM's: 503 while the API server
 * is unreachable. Thread-safe.
 */
final class CachedLiveness {

  /** How long a probe waits for the running check before answering from the last one, in ms. */
  static final long ANSWER_WITHIN_MILLIS = 500;

  /** How long one check may take before it counts as failed, in seconds. */
  static final long CHECK_TIMEOUT_SECONDS = 5;

  private final LivenessCheck check;
  private final AtomicReference<CompletableFuture<Boolean>> running = new AtomicReference<>();
  private volatile boolean lastLive;

  CachedLiveness(LivenessCheck check) {
    this.check = check;
  }

  /**
   * Starts a check unless one runs, and returns at once.
   *
   * @return completes within about {@link #ANSWER_WITHIN_MILLIS} with whether the API server is
   *     live; never exceptionally
   */
  CompletableFuture<Boolean> probe() {
    CompletableFuture<Boolean> current = running.get();
    if (current == null) {
      CompletableFuture<Boolean> started = new CompletableFuture<>();
      if (running.compareAndSet(null, started)) {
        start(started);
        current = started;
      } else {
        current = running.get();
      }
    }
    if (current == null) {
      return CompletableFuture.completedFuture(lastLive);
    }
    return current
        .copy()
        .orTimeout(ANSWER_WITHIN_MILLIS, TimeUnit.MILLISECONDS)
        .exceptionally(t -> lastLive);
  }

  private void start(CompletableFuture<Boolean> result) {
    CompletableFuture<Boolean> checked;
    try {
      checked = check.check().toCompletableFuture();
    } catch (RuntimeException e) {
      checked = CompletableFuture.failedFuture(e);
    }
    checked
        .orTimeout(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .whenComplete(
            (live, t) -> {
              boolean ok = t == null && Boolean.TRUE.equals(live);
              lastLive = ok;
              running.compareAndSet(result, null);
              result.complete(ok);
            });
  }
}
