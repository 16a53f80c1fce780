package dev.kubestate.exporter.store;

import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderedObject;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One kind's metrics: object UID to its rendered lines. {@link #put} renders on the calling
 * (informer) thread and replaces the object's lines with one map write, so a scrape sees the old
 * or the new lines of an object, never a mix. Several writers may feed one store (two informer
 * sets during a re-shard): an update carrying a numeric resourceVersion lower than the one stored
 * for that UID is ignored, so no writer can move an object back in time; and while {@link
 * #rememberDeletes} is on, an object {@link #delete deleted} by one writer cannot be brought back
 * by another that has not seen the delete yet (a UID never returns once its object is deleted).
 * Thread-safe.
 *
 * @param <T> the object class
 */
public final class MetricsStore<T> {

  private final KindRenderer<T> renderer;
  private final ConcurrentHashMap<String, RenderedObject> byUid = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();

  /** UID to the numeric resourceVersion of the stored lines; written only inside byUid.compute. */
  private final ConcurrentHashMap<String, Long> versions = new ConcurrentHashMap<>();

  /** UIDs deleted while {@link #rememberDeletes} is on. */
  private final Set<String> deleted = ConcurrentHashMap.newKeySet();

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
    if (version >= 0 && Long.valueOf(version).equals(versions.get(uid)) && byUid.containsKey(uid)) {
      // The stored lines were rendered from this very version (a re-list, or a second informer
      // set during a re-shard): rendering it again would give the same bytes.
      return true;
    }
    RenderedObject rendered = renderer.render(object);
    boolean[] applied = {false};
    byUid.compute(
        uid,
        (k, old) -> {
          Long stored = versions.get(k);
          if (version >= 0 && stored != null && version < stored) {
            return old;
          }
          if (rememberDeletes && deleted.contains(k)) {
            return old;
          }
          applied[0] = true;
          if (version >= 0) {
            versions.put(k, version);
          } else {
            versions.remove(k);
          }
          if (rendered == null) {
            versions.remove(k);
          }
          bytes.addAndGet(
              (rendered == null ? 0 : rendered.size()) - (old == null ? 0 : old.size()));
          return rendered;
        });
    return applied[0] && rendered != null;
  }

  private static long version(String resourceVersion) {
    if (resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.length() > 18) {
      return -1;
    }
    for (int i = 0; i < resourceVersion.length(); i++) {
      char c = resourceVersion.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
    }
    return Long.parseLong(resourceVersion);
  }

  /**
   * The object was deleted from the cluster: removes its lines and, while {@link
   * #rememberDeletes} is on, ignores every later {@code put} for its UID.
   */
  public void delete(String uid) {
    if (rememberDeletes) {
      deleted.add(uid);
    }
    remove(uid);
  }

  /**
   * Whether deletes are remembered: on while several writers may deliver the same object (a
   * re-shard handing objects over), so a writer lagging behind cannot bring a deleted object
   * back; turning it off forgets every remembered UID, so memory stays bounded.
   */
  public void rememberDeletes(boolean on) {
    rememberDeletes = on;
    if (!on) {
      deleted.clear();
    }
  }

  /** Removes the object's lines (it moved to another shard or left the selection). */
  public void remove(String uid) {
    byUid.computeIfPresent(
        uid,
        (k, old) -> {
          versions.remove(k);
          bytes.addAndGet(-old.size());
          return null;
        });
  }

  /** Removes every object. */
  public void clear() {
    byUid.keySet().forEach(this::remove);
  }

  public boolean contains(String uid) {
    return byUid.containsKey(uid);
  }

  /** The UIDs held at this moment: a live, unmodifiable view, weakly consistent. */
  public Set<String> uids() {
    return Collections.unmodifiableSet(byUid.keySet());
  }

  /** Number of objects held. */
  public int size() {
    return byUid.size();
  }

  /** Total rendered bytes held (approximate under concurrent updates). */
  public long renderedBytes() {
    return bytes.get();
  }

  /**
   * The objects' lines at this moment, as an array a scrape walks family by family. Allocates
   * only the array (one reference per object); the objects are shared and immutable.
   */
  public RenderedObject[] snapshot() {
    return byUid.values().toArray(new RenderedObject[0]);
  }
}
