package dev.kubestate.apiserver;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * The most recent writes of the store, as the API server's watch cache keeps them: a WATCH from a
 * resourceVersion still inside the window is sent the writes after it; one from before the window
 * is refused with 410 Gone ("too old resource version"), which makes a client list again. The
 * window holds the last {@code capacity} writes and can be {@link #compact compacted} (as etcd
 * compaction does) to force that refusal. Guarded by the dispatcher's watch lock.
 */
final class WatchHistory {

  /** One write and the resourceVersion it made. */
  record Entry(long resourceVersion, ObjectChange change) {}

  private final int capacity;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();

  /** Every write up to this resourceVersion has left the window. */
  private long forgottenThrough;

  /** The resourceVersion of the latest write. */
  private long latest;

  WatchHistory(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Appends a write; the oldest leaves the window when it is full. */
  void add(long resourceVersion, ObjectChange change) {
    entries.addLast(new Entry(resourceVersion, change));
    latest = Math.max(latest, resourceVersion);
    while (entries.size() > capacity) {
      forgottenThrough = entries.removeFirst().resourceVersion();
    }
  }

  /** The resourceVersion of the latest write, 0 before any. */
  long latest() {
    return latest;
  }

  /** The oldest resourceVersion a watch may start from. */
  long oldest() {
    return forgottenThrough;
  }

  /**
   * The writes after {@code resourceVersion}, oldest first; null when some of them have left the
   * window (the watch must be refused with 410).
   */
  List<ObjectChange> since(long resourceVersion) {
    if (resourceVersion < forgottenThrough) {
      return null;
    }
    List<ObjectChange> out = new ArrayList<>();
    Iterator<Entry> it = entries.descendingIterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (e.resourceVersion() <= resourceVersion) {
        break;
      }
      out.add(e.change());
    }
    Collections.reverse(out);
    return out;
  }

  /** Forgets every write so far, as a compaction does: older watches get 410. */
  void compact() {
    entries.clear();
    forgottenThrough = latest;
  }
}
