package dev.kubestate.exporter.store;

import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderedObject;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One kind's metrics: object UID to its rendered lines. {@link #put} renders on the calling
 * (informer) thread and replaces the object's lines with one map write, so a scrape sees the old
 * or the new lines of an object, never a mix. Thread-safe.
 *
 * @param <T> the object class
 */
public final class MetricsStore<T> {

  private final KindRenderer<T> renderer;
  private final ConcurrentHashMap<String, RenderedObject> byUid = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();

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
    Objects.requireNonNull(uid, "uid");
    RenderedObject rendered = renderer.render(object);
    if (rendered == null) {
      remove(uid);
      return false;
    }
    RenderedObject old = byUid.put(uid, rendered);
    bytes.addAndGet(rendered.size() - (old == null ? 0 : old.size()));
    return true;
  }

  /** Removes the object's lines; no effect when absent. */
  public void remove(String uid) {
    RenderedObject old = byUid.remove(uid);
    if (old != null) {
      bytes.addAndGet(-old.size());
    }
  }

  /** Removes every object. */
  public void clear() {
    byUid.keySet().forEach(this::remove);
  }

  public boolean contains(String uid) {
    return byUid.containsKey(uid);
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
