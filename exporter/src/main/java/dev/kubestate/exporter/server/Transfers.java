package dev.kubestate.exporter.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the {@code /metrics} responses of one listener hold right now: how many are in progress
 * and how many body bytes they have handed to their connections that the sockets have not taken
 * yet. A transfer writes only while its connection's queue is not full, so the bytes it holds stay
 * near one chunk plus the queue's limit whatever the body's size and however slowly its client
 * reads; a finished, failed or abandoned transfer holds nothing. Thread-safe.
 */
final class Transfers {

  private final AtomicInteger inProgress = new AtomicInteger();
  private final AtomicLong queuedBytes = new AtomicLong();
  private final AtomicLong mostQueuedByOne = new AtomicLong();

  /** Responses of {@code /metrics} started and not yet ended, failed or abandoned. */
  int inProgress() {
    return inProgress.get();
  }

  /** Body bytes handed to connections and not yet written to their sockets, in bytes. */
  long queuedBytes() {
    return queuedBytes.get();
  }

  /** The most bytes one transfer has had queued at once, in bytes. */
  long mostQueuedByOne() {
    return mostQueuedByOne.get();
  }

  void started() {
    inProgress.incrementAndGet();
  }

  void finished() {
    inProgress.decrementAndGet();
  }

  /** One transfer queued {@code bytes} more and now holds {@code heldByIt}. */
  void queued(long bytes, long heldByIt) {
    queuedBytes.addAndGet(bytes);
    mostQueuedByOne.accumulateAndGet(heldByIt, Math::max);
  }

  /** {@code bytes} queued earlier were written, or dropped with their connection. */
  void released(long bytes) {
    queuedBytes.addAndGet(-bytes);
  }
}
