package dev.kubestate.exporter.process;

import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.resharding.HandoffCoordinator;
import dev.kubestate.exporter.store.MetricsStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stores {@code /metrics} serves, and the options that rendered them; applies changed options
 * ({@link ExportedMetrics}) while serving, without a restart and without a gap.
 *
 * <p>Informers keep no objects (only what the shard filter needs), so a store cannot be re-rendered
 * from memory: each resource whose output changes (families, allowlists) gets a new store rendered
 * with the new options, fed by new informers in every running slice beside the old ones (the
 * resource is listed again); a newly enabled resource gets a store the same way. Until every new
 * store has listed, scrapes see the old stores, which their informers keep current. Then one write
 * replaces the served list: a scrape reads the list once, so it sees the old options for every
 * resource or the new ones for every resource, never a mix, and no object is missing from either.
 * Only then are the replaced stores' informers (and those of disabled resources) stopped. A
 * resource whose output is unchanged keeps its store and informers untouched.
 *
 * <p>A change that arrives while another is still listing supersedes it: the stores the earlier one
 * was building are dropped, and the new one is compared with what is served. Thread-safe.
 */
final class ServedMetrics implements Supplier<List<MetricsStore<?>>>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ServedMetrics.class);

  /** How often an apply checks whether its new stores have listed, in ms. */
  private static final long POLL_MILLIS = 50;

  /** What an applied change did, by resource. */
  record Change(List<String> relisted, List<String> added, List<String> removed, int kept) {

    boolean isEmpty() {
      return relisted.isEmpty() && added.isEmpty() && removed.isEmpty();
    }

    @Override
    public String toString() {
      return String.format(
          "%d resources listed again with the new options %s, %d enabled %s, %d disabled %s,"
              + " %d unchanged",
          relisted.size(), relisted, added.size(), added, removed.size(), removed, kept);
    }
  }

  /** Told when the served stores change, to follow them in telemetry. */
  interface Listener {
    /**
     * {@code added} are served now for resources not served before; {@code removed} are resources
     * no longer served.
     */
    void changed(List<MetricsStore<?>> added, List<String> removed);
  }

  /** An apply waiting for its new stores to list. */
  private record Pending(
      ExportedMetrics next,
      List<MetricsStore<?>> order,
      Set<MetricsStore<?>> fresh,
      Set<MetricsStore<?>> replaced,
      Change change,
      long startNanos,
      CompletableFuture<Change> done) {}

  private final RenderFailures failures;
  private final long objectLimit;
  private final Listener listener;
  private final ScheduledExecutorService timer;

  private volatile List<MetricsStore<?>> served;

  /** Guarded by this. */
  private ExportedMetrics inEffect;

  private HandoffCoordinator coordinator;
  private Pending pending;
  private boolean closed;

  /**
   * @param metrics the options at start
   * @param failures told about throwing generators of every store built
   * @param objectLimit {@code --object-limit} of the counters of newly enabled resources
   * @param listener told when resources are enabled or disabled
   */
  ServedMetrics(
      ExportedMetrics metrics, RenderFailures failures, long objectLimit, Listener listener) {
    this.inEffect = metrics;
    this.failures = failures;
    this.objectLimit = objectLimit;
    this.listener = listener;
    this.served = List.copyOf(metrics.newStores(failures));
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "options-apply");
              t.setDaemon(true);
              return t;
            });
  }

  /** The stores served now, in output order; a scrape reads this once. */
  @Override
  public List<MetricsStore<?>> get() {
    return served;
  }

  /** The served store of {@code resource}, or null when it is not exported. */
  MetricsStore<?> store(String resource) {
    for (MetricsStore<?> s : served) {
      if (s.resource().equals(resource)) {
        return s;
      }
    }
    return null;
  }

  /** The coordinator whose slices feed the stores; set once, before any {@link #apply}. */
  synchronized void feedBy(HandoffCoordinator coordinator) {
    this.coordinator = coordinator;
  }

  /**
   * Works towards serving {@code next}: returns at once; the future completes when every scrape
   * sees it (at once when no resource needs listing), or fails with {@link
   * CancellationException} when a later apply or {@link #close} supersedes it.
   */
  synchronized CompletableFuture<Change> apply(ExportedMetrics next) {
    if (closed) {
      return CompletableFuture.failedFuture(new CancellationException("stopping"));
    }
    cancelPending("superseded by a newer change");
    Map<String, MetricsStore<?>> current = new HashMap<>();
    served.forEach(s -> current.put(s.resource(), s));
    List<MetricsStore<?>> order = new ArrayList<>();
    Set<MetricsStore<?>> fresh = new LinkedHashSet<>();
    Set<MetricsStore<?>> replaced = new LinkedHashSet<>();
    List<String> relisted = new ArrayList<>();
    List<String> added = new ArrayList<>();
    for (String r : next.resources()) {
      MetricsStore<?> have = current.remove(r);
      if (have != null && inEffect.output(r).equals(next.output(r))) {
        order.add(have);
        continue;
      }
      MetricsStore<?> store = next.newStore(r, failures);
      order.add(store);
      fresh.add(store);
      if (have == null) {
        added.add(r);
      } else {
        replaced.add(have);
        relisted.add(r);
      }
    }
    replaced.addAll(current.values());
    List<String> removed = current.keySet().stream().sorted().toList();
    Change change =
        new Change(relisted, added, removed, order.size() - relisted.size() - added.size());
    Pending p =
        new Pending(next, order, fresh, replaced, change, System.nanoTime(), new CompletableFuture<>());
    if (!fresh.isEmpty()) {
      LOG.info("applying changed options: listing {} resources again", fresh.size());
      coordinator.add(List.copyOf(fresh), objectLimit);
    }
    pending = p;
    check(p);
    return p.done();
  }

  /** Serves {@code p} once its stores have listed; else looks again shortly. */
  private synchronized void check(Pending p) {
    if (pending != p) {
      return;
    }
    if (!p.fresh().isEmpty() && !coordinator.listed(p.fresh())) {
      timer.schedule(() -> check(p), POLL_MILLIS, TimeUnit.MILLISECONDS);
      return;
    }
    pending = null;
    served = List.copyOf(p.order());
    inEffect = p.next();
    coordinator.retire(p.replaced());
    List<MetricsStore<?>> enabled = new ArrayList<>();
    for (MetricsStore<?> s : p.order()) {
      if (p.change().added().contains(s.resource())) {
        enabled.add(s);
      }
    }
    listener.changed(enabled, p.change().removed());
    if (!p.change().isEmpty()) {
      LOG.info(
          "changed options applied in {} ms: {}",
          (System.nanoTime() - p.startNanos()) / 1_000_000,
          p.change());
    }
    p.done().complete(p.change());
  }

  private void cancelPending(String why) {
    Pending p = pending;
    if (p == null) {
      return;
    }
    pending = null;
    coordinator.retire(p.fresh());
    p.done().completeExceptionally(new CancellationException(why));
  }

  @Override
  public synchronized void close() {
    closed = true;
    timer.shutdownNow();
    if (pending != null) {
      Pending p = pending;
      pending = null;
      p.done().completeExceptionally(new CancellationException("stopping"));
    }
  }
}
