package dev.kubestate.exporter.store;

import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderedObject;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One kind's metrics: object UID to its rendered lines. {@link #put} renders on the calling
 * (informer) thread and replaces the object's lines with one map write, so a scrape sees the old
 * or the new lines of an object, never a mix. Several writers may feed one store (two informer
 * slices during a re-shard): an update carrying a numeric resourceVersion lower than the one stored
 * for that UID is ignored, so no writer can move an object back in time; and while {@link
 * #rememberDeletes} is on, an object {@link #delete deleted} by one writer cannot be brought back
 * by another that has not seen the delete yet (a UID never returns once its object is deleted).
 *
 * <p>One map holds everything per UID, since per-key overhead is what a store of many small
 * objects spends memory on: the entry is the object's {@link RenderedObject}, which carries the
 * resourceVersion it was rendered from, or, for a delete being remembered, a shared marker that
 * no snapshot, count or UID view ever shows. Thread-safe.
 *
 * @param <T> the object class
 */
public final class MetricsStore<T> {

  /** The entry of a UID whose delete is remembered; compared by identity. */
  private static final RenderedObject DELETED = RenderedObject.EMPTY;

  private final KindRenderer<T> renderer;

  /** UID to the object's lines, or {@link #DELETED}. */
  private final ConcurrentHashMap<String, RenderedObject> byUid = new ConcurrentHashMap<>();

  private final AtomicLong bytes = new AtomicLong();

  /**
   * Entries that are {@link #DELETED}; changed only by the thread whose map operation made or
   * unmade such an entry, right after it (so it may lag that operation for a moment, never drift).
   */
  private final AtomicInteger deletes = new AtomicInteger();

  private final Set<String> uids = new LiveUids();
  private volatile boolean rememberDeletes;

  public MetricsStore(KindRenderer<T> renderer) {
    this.renderer = Objects.requireNonNull(renderer, "renderer");
  }

  public KindRenderer<T> renderer() {
    return renderer;
  }

  /** The kind's resource name, e.g. {@code pods}. */
  public String resource() {
    return renderer.kind().resource();
  }

  /**
   * Renders {@code object} and stores its lines under {@code uid}, replacing any previous ones.
   * An object whose identity cannot be rendered is removed (and was reported by the renderer).
   *
   * @return false when the object could not be rendered
   */
  public boolean put(String uid, T object) {
    return put(uid, null, object);
  }

  /**
   * As {@link #put(String, Object)}, unless {@code resourceVersion} is a decimal number lower than
   * the one last stored for {@code uid}: then the update is stale and ignored. When it equals the
   * stored one the object is not rendered again (same version, same lines). A null or non-numeric
   * resourceVersion is always accepted (and forgets the stored one).
   *
   * @return false when the object could not be rendered or the update was stale
   */
  public boolean put(String uid, String resourceVersion, T object) {
    Objects.requireNonNull(uid, "uid");
    long version = version(resourceVersion);
    RenderedObject stored = byUid.get(uid);
    if (version >= 0
        && stored != null
        && stored != DELETED
        && stored.resourceVersion() == version) {
      // The stored lines were rendered from this very version (a re-list, or a second informer
      // slice during a re-shard): rendering it again would give the same bytes.
      return true;
    }
    RenderedObject rendered = renderer.render(object, version);
    RenderedObject old = stored;
    while (true) {
      if (old == DELETED) {
        if (rememberDeletes) {
          return false;
        }
      } else if (old != null && version >= 0 && version < old.resourceVersion()) {
        return false;
      }
      if (replace(uid, old, rendered)) {
        if (old == DELETED) {
          deletes.decrementAndGet();
        }
        bytes.addAndGet(size(rendered) - size(old));
        return rendered != null;
      }
      old = byUid.get(uid);
    }
  }

  /**
   * One atomic step from {@code old} (null: absent) to {@code next} (null: absent); false when the
   * entry is no longer {@code old}. Values compare by identity (RenderedObject keeps Object's
   * equals), so no other writer's entry can be mistaken for {@code old}.
   */
  private boolean replace(String uid, RenderedObject old, RenderedObject next) {
    if (old == null) {
      return next == null || byUid.putIfAbsent(uid, next) == null;
    }
    return next == null ? byUid.remove(uid, old) : byUid.replace(uid, old, next);
  }

  private static long version(String resourceVersion) {
    if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.length() > 18) {
      return RenderedObject.NO_VERSION;
    }
    for (int i = 0; i < resourceVersion.length(); i++) {
      char c = resourceVersion.charAt(i);
      if (c < '0' || c > '9') {
        return RenderedObject.NO_VERSION;
      }
    }
    return Long.parseLong(resourceVersion);
  }

  /** Bytes of lines held by an entry: 0 for none and for {@link #DELETED}. */
  private static int size(RenderedObject entry) {
    return entry == null ? 0 : entry.size();
  }

  /**
   * The object was deleted from the cluster: removes its lines and, while {@link
   * #rememberDeletes} is on, ignores every later {@code put} for its UID.
   */
  public void delete(String uid) {
    if (!rememberDeletes) {
      remove(uid);
      return;
    }
    byUid.compute(
        uid,
        (k, old) -> {
          if (old != DELETED) {
            bytes.addAndGet(-size(old));
            deletes.incrementAndGet();
          }
          return DELETED;
        });
  }

  /**
   * Whether deletes are remembered: on while several writers may deliver the same object (a
   * re-shard handing objects over), so a writer lagging behind cannot bring a deleted object
   * back; turning it off forgets every remembered UID, so memory stays bounded.
   */
  public void rememberDeletes(boolean on) {
    rememberDeletes = on;
    if (!on && deletes.get() > 0) {
      byUid.forEach(
          (uid, entry) -> {
            if (entry == DELETED && byUid.remove(uid, DELETED)) {
              deletes.decrementAndGet();
            }
          });
    }
  }

  /**
   * Removes the object's lines (it moved to another shard or left the selection); a remembered
   * delete stays remembered.
   */
  public void remove(String uid) {
    byUid.computeIfPresent(
        uid,
        (k, old) -> {
          if (old == DELETED) {
            return old;
          }
          bytes.addAndGet(-old.size());
          return null;
        });
  }

  /** Whether lines of {@code uid} are held. */
  public boolean contains(String uid) {
    RenderedObject entry = byUid.get(uid);
    return entry != null && entry != DELETED;
  }

  /** The UIDs whose lines are held at this moment: a live, unmodifiable view, weakly consistent. */
  public Set<String> uids() {
    return uids;
  }

  /** Number of objects held. */
  public int size() {
    return Math.max(0, byUid.size() - deletes.get());
  }

  /** Total rendered bytes held (approximate under concurrent updates). */
  public long renderedBytes() {
    return bytes.get();
  }

  /**
   * The objects' lines at this moment, as an array a scrape walks family by family. Allocates
   * only the array (one reference per object; a second, shorter one only when deletes are being
   * remembered); the objects are shared and immutable.
   */
  public RenderedObject[] snapshot() {
    RenderedObject[] all = byUid.values().toArray(new RenderedObject[0]);
    int n = 0;
    for (RenderedObject r : all) {
      if (r != DELETED) {
        all[n++] = r;
      }
    }
    return n == all.length ? all : Arrays.copyOf(all, n);
  }

  /** {@link #uids()}: the map's keys without those of remembered deletes. */
  private final class LiveUids extends AbstractSet<String> {

    @Override
    public Iterator<String> iterator() {
      Iterator<String> keys = byUid.keySet().iterator();
      return new Iterator<>() {
        private String next = advance();

        private String advance() {
          while (keys.hasNext()) {
            String uid = keys.next();
            if (deletes.get() == 0 || byUid.get(uid) != DELETED) {
              return uid;
            }
          }
          return null;
        }

        @Override
        public boolean hasNext() {
          return next != null;
        }

        @Override
        public String next() {
          if (next == null) {
            throw new NoSuchElementException();
          }
          String uid = next;
          next = advance();
          return uid;
        }
      };
    }

    @Override
    public int size() {
      return MetricsStore.this.size();
    }

    @Override
    public boolean contains(Object uid) {
      return uid instanceof String s && MetricsStore.this.contains(s);
    }
  }
}
