package dev.kubestate.exporter.informers;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Event counts of one kind's informers, read by telemetry and by the sync log. Thread-safe;
 * counts only grow.
 */
public final class KindCounters {

  final AtomicLong received = new AtomicLong();
  final AtomicLong kept = new AtomicLong();
  final AtomicLong droppedByShard = new AtomicLong();
  final AtomicLong droppedByNode = new AtomicLong();
  final AtomicLong droppedWithoutUid = new AtomicLong();
  final AtomicLong handlerFailures = new AtomicLong();
  final AtomicLong notServed = new AtomicLong();
  final AtomicLong listObjects = new AtomicLong();
  private final long objectLimit;

  /** Counters of a kind listed without an object limit. */
  public KindCounters() {
    this(0);
  }

  /**
   * @param objectLimit {@code --object-limit}: at most this many objects kept per LIST; 0 = no
   *     limit
   */
  public KindCounters(long objectLimit) {
    this.objectLimit = objectLimit;
  }

  /** {@code --object-limit}: at most this many objects kept per LIST; 0 = no limit. */
  public long objectLimit() {
    return objectLimit;
  }

  /** Objects kept by the kind's last LIST; counted only with an {@link #objectLimit()}. */
  public long listObjects() {
    return listObjects.get();
  }

  /**
   * ADDED/MODIFIED events received, listed objects included: with server-side sharding about 1/N
   * of what an unsharded instance receives, without it everything.
   */
  public long received() {
    return received.get();
  }

  /** ADDED/MODIFIED events rendered into the store: objects this shard owns. */
  public long kept() {
    return kept.get();
  }

  /** ADDED/MODIFIED events dropped because another shard owns the object. */
  public long droppedByShard() {
    return droppedByShard.get();
  }

  /**
   * ADDED/MODIFIED events dropped because the pod is outside this instance's {@link NodeScope}:
   * nonzero only when the API server ignored the {@code spec.nodeName} field selector, or a
   * watched pod left the scope.
   */
  public long droppedByNode() {
    return droppedByNode.get();
  }

  /** Events dropped because the object had no UID (fail closed: never owned). */
  public long droppedWithoutUid() {
    return droppedWithoutUid.get();
  }

  /**
   * LIST or WATCH requests the API server answered 404 Not Found: the server does not serve the
   * kind's group, version or resource (an older cluster, an alpha API switched off).
   */
  public long notServed() {
    return notServed.get();
  }

  /** Events whose handling threw; the object's lines stay as they were. */
  public long handlerFailures() {
    return handlerFailures.get();
  }
}
