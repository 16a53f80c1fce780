package dev.kubestate.exporter.store;

import dev.kubestate.exporter.exposition.ExpositionBuffer;
import dev.kubestate.exporter.exposition.Format;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderedObject;
import java.util.ArrayList;
import java.util.List;

/**
 * One response body in progress: the stores to write, in order, and a cursor over (store,
 * family, object). Output is family-major as KSM writes it: per store with at least one object,
 * each family's HELP/TYPE then that family's lines for every object; a store without objects
 * writes nothing; OpenMetrics ends with {@code # EOF}.
 *
 * <p>Each store is snapshotted when the cursor first reaches it, so every object appears with
 * one version of its lines in every family. {@link #fill} writes bounded chunks, so a caller can
 * stream with back-pressure without holding the whole body. Not thread-safe: one caller at a time.
 */
public final class Scrape {

  private final List<MetricsStore<?>> stores;
  private final Format format;
  private int store = -1;
  private RenderedObject[] objects;
  private KindRenderer<?> renderer;
  private int family;
  private int object;
  private boolean headerDone;
  private boolean finished;

  /**
   * @param stores the stores in output order (KSM: ascending resource name)
   * @param format text or OpenMetrics
   */
  public Scrape(List<MetricsStore<?>> stores, Format format) {
    this.stores = new ArrayList<>(stores);
    this.format = format;
  }

  /** Whether every byte has been written. */
  public boolean isFinished() {
    return finished;
  }

  /**
   * Appends to {@code out} until at least {@code targetBytes} are in it or the body is complete.
   * Objects are never split across calls, so a call may exceed the target by one object's
   * slice. Allocates one snapshot array per store reached.
   *
   * @return true when the body is complete
   */
  public boolean fill(ExpositionBuffer out, int targetBytes) {
    while (!finished && out.size() < targetBytes) {
      if (objects == null) {
        if (!nextStore()) {
          out.appendBytes(format.trailer());
          finished = true;
          break;
        }
        continue;
      }
      if (family >= renderer.familyCount()) {
        objects = null;
        continue;
      }
      if (!headerDone) {
        out.appendBytes(renderer.header(family).bytes(format));
        headerDone = true;
      }
      int f = family;
      while (object < objects.length && out.size() < targetBytes) {
        RenderedObject o = objects[object++];
        int start = o.start(f);
        int len = o.end(f) - start;
        if (len > 0) {
          out.appendBytes(o.bytes(), start, len);
        }
      }
      if (object >= objects.length) {
        family++;
        object = 0;
        headerDone = false;
      }
    }
    return finished;
  }

  private boolean nextStore() {
    while (++store < stores.size()) {
      MetricsStore<?> s = stores.get(store);
      RenderedObject[] snap = s.snapshot();
      if (snap.length > 0) {
        objects = snap;
        renderer = s.renderer();
        family = 0;
        object = 0;
        headerDone = false;
        return true;
      }
    }
    return false;
  }
}
