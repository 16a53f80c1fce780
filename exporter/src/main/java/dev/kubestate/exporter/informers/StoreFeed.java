package dev.kubestate.exporter.informers;

import dev.kubestate.exporter.resources.ObjectNames;
import dev.kubestate.exporter.store.MetricsStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one kind's informer events into store updates: add/update of an owned object renders it
 * into the store (on the calling informer thread), delete removes its UID. Objects another shard
 * owns, and objects without a UID, are dropped before rendering; an object outside the
 * {@link NodeScope} is dropped too, and its UID removed, since a pod can leave the scope while
 * watched (an unscheduled pod being bound). A callback never throws: a
 * failure is counted and logged at most once per {@link #LOG_INTERVAL_NANOS} per kind, naming the
 * object but never its contents. After {@link #stop} returns no event reaches the store any
 * more, so a retired informer cannot write into a store it no longer owns. Thread-safe.
 *
 * @param <T> the object class
 */
final class StoreFeed<T extends HasMetadata> implements ResourceEventHandler<T> {

  private static final Logger LOG = LoggerFactory.getLogger(StoreFeed.class);

  /** At most one failure line per kind per 10 s, in nanoseconds. */
  static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

  private final MetricsStore<T> store;
  private final Function<HasMetadata, T> objects;
  private final Predicate<String> owns;
  private final NodeScope nodeScope;
  private final KindCounters counters;
  private final AtomicLong lastLogNanos = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
  private final CompletableFuture<Void> listed = new CompletableFuture<>();
  private boolean stopped;

  /**
   * @param owns whether this feed keeps a (non-null) UID; may change its answer over time, e.g.
   *     narrowing at the end of a re-shard
   * @param nodeScope the pods to keep; objects outside it are dropped
   */
  StoreFeed(
      MetricsStore<T> store, Predicate<String> owns, NodeScope nodeScope, KindCounters counters) {
    this(store, ReceivedObjects.of(kindType(store), false), owns, nodeScope, counters);
  }

  private static <T extends HasMetadata> Class<T> kindType(MetricsStore<T> store) {
    return store.renderer().kind().type();
  }

  /**
   * @param objects makes what the informer hands over an object of the kind's class (the
   *     informer of a metadata-only kind receives {@code PartialObjectMetadata})
   * @param owns as above
   * @param nodeScope as above
   */
  StoreFeed(
      MetricsStore<T> store,
      Function<HasMetadata, T> objects,
      Predicate<String> owns,
      NodeScope nodeScope,
      KindCounters counters) {
    this.store = store;
    this.objects = objects;
    this.owns = owns;
    this.nodeScope = nodeScope;
    this.counters = counters;
  }

  /**
   * Completes once the handler has processed a whole LIST: fabric8 calls {@link #onList} through
   * the same serial queue as the list's add notifications, after them, so by then every listed
   * object has been rendered into the store.
   */
  CompletableFuture<Void> listed() {
    return listed;
  }

  /** Stops writing: returns once no event is being applied, and later events are ignored. */
  synchronized void stop() {
    stopped = true;
  }

  @Override
  public void onList(String resourceVersion, boolean initial) {
    listed.complete(null);
  }

  @Override
  public void onNothing() {
    listed.complete(null);
  }

  @Override
  public synchronized void onAdd(T object) {
    if (stopped) {
      return;
    }
    try {
      keep(object);
    } catch (RuntimeException e) {
      failed("add", object, e);
    }
  }

  @Override
  public synchronized void onUpdate(T oldObject, T newObject) {
    if (stopped) {
      return;
    }
    try {
      String oldUid = uid(oldObject);
      if (oldUid != null && !oldUid.equals(uid(newObject))) {
        store.delete(oldUid);
      }
      keep(newObject);
    } catch (RuntimeException e) {
      failed("update", newObject, e);
    }
  }

  @Override
  public synchronized void onDelete(T object, boolean finalStateUnknown) {
    if (stopped) {
      return;
    }
    try {
      String uid = uid(object);
      if (uid != null) {
        store.delete(uid);
      }
    } catch (RuntimeException e) {
      failed("delete", object, e);
    }
  }

  private void keep(T object) {
    counters.received.incrementAndGet();
    String uid = uid(object);
    if (uid == null) {
      counters.droppedWithoutUid.incrementAndGet();
      return;
    }
    if (!nodeScope.admits(object)) {
      counters.droppedByNode.incrementAndGet();
      store.remove(uid);
      return;
    }
    if (!owns.test(uid)) {
      counters.droppedByShard.incrementAndGet();
      return;
    }
    store.put(uid, object.getMetadata().getResourceVersion(), objects.apply(object));
    counters.kept.incrementAndGet();
  }

  private static String uid(HasMetadata object) {
    if (object == null || object.getMetadata() == null) {
      return null;
    }
    String uid = object.getMetadata().getUid();
    return uid == null || uid.isEmpty() ? null : uid;
  }

  private void failed(String event, T object, RuntimeException e) {
    long n = counters.handlerFailures.incrementAndGet();
    long now = System.nanoTime();
    long last = lastLogNanos.get();
    if (now - last >= LOG_INTERVAL_NANOS && lastLogNanos.compareAndSet(last, now)) {
      LOG.warn(
          "{}: handling {} of {} failed ({} failures so far): {}",
          store.resource(),
          event,
          describe(object),
          n,
          e.toString());
    }
  }

  private static String describe(HasMetadata object) {
    try {
      return ObjectNames.describe(object);
    } catch (RuntimeException e) {
      return "an object";
    }
  }
}
