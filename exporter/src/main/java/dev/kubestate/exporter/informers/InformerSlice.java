package dev.kubestate.exporter.informers;

import dev.kubestate.exporter.store.MetricsStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informers of one slice of the UID space: one {@link KindInformers} per store, each keeping
 * only the objects whose UID the slice's predicate accepts (which may narrow over time). What the
 * slice covers (a whole shard assignment, or hash ranges the API server is asked for) is its
 * owner's business; a slice may list through a client of its own, which it closes with itself.
 * Several slices may feed the same stores. While it runs, stores can be {@link #add added} (their
 * informers start at once) and {@link #retire retired} (their informers stop): how a changed
 * options file reaches running slices. Thread-safe.
 */
public final class InformerSlice {

  private static final Logger LOG = LoggerFactory.getLogger(InformerSlice.class);

  private final KubernetesClient ownClient;
  private final KubernetesClient client;
  private final Predicate<String> keeps;

  /** The informers of each store fed; replaced, never changed in place. Guarded by this. */
  private volatile List<KindInformers<?>> kinds;

  /** Completes once every informer present has listed; see {@link #checkListed}. */
  private final CompletableFuture<Void> listed = new CompletableFuture<>();

  private boolean started;
  private boolean closed;
  private volatile boolean synced;

  /**
   * Builds (does not start) the informers of a slice listing through the shared client.
   *
   * @param keeps whether a (non-null) UID is kept; may narrow over time
   */
  public InformerSlice(InformerSources sources, Predicate<String> keeps) {
    this(sources, null, keeps);
  }

  /**
   * Builds (does not start) the informers of a slice listing through {@code ownClient}, which the
   * slice closes when it is closed.
   *
   * @param ownClient the slice's own client, or null to use the shared one
   * @param keeps whether a (non-null) UID is kept; may narrow over time
   */
  public InformerSlice(
      InformerSources sources, KubernetesClient ownClient, Predicate<String> keeps) {
    this.ownClient = ownClient;
    this.client = ownClient == null ? sources.client() : ownClient;
    this.keeps = keeps;
    List<KindInformers<?>> built = new ArrayList<>();
    for (MetricsStore<?> store : sources.stores()) {
      built.add(kindInformers(store, sources, client, keeps));
    }
    this.kinds = List.copyOf(built);
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> KindInformers<T> kindInformers(
      MetricsStore<?> store,
      InformerSources sources,
      KubernetesClient client,
      Predicate<String> keeps) {
    return new KindInformers<>(
        client,
        (MetricsStore<T>) store,
        keeps,
        sources.namespaces(),
        sources.namespacesDenylist(),
        sources.nodeScope(),
        sources.counters(store.resource()));
  }

  /** The informers of each store, in store order (added stores last); a snapshot. */
  public List<KindInformers<?>> kinds() {
    return kinds;
  }

  /**
   * Starts every informer without waiting; a second call starts nothing and returns the same
   * future.
   *
   * @return completes when every informer present has listed once: those built with the slice and
   *     those added before that, minus those retired
   */
  public CompletableFuture<Void> start() {
    synchronized (this) {
      if (started) {
        return listed;
      }
      started = true;
      for (KindInformers<?> k : kinds) {
        startKind(k);
      }
    }
    checkListed();
    return listed;
  }

  private void startKind(KindInformers<?> k) {
    k.start().whenComplete((v, e) -> checkListed());
  }

  /**
   * Completes {@link #listed} once every informer present has listed; outside this slice's lock,
   * since what waits for it may take its owner's lock, which calls in here.
   */
  private void checkListed() {
    synchronized (this) {
      if (!started || synced) {
        return;
      }
      for (KindInformers<?> k : kinds) {
        if (!k.isSynced()) {
          return;
        }
      }
      synced = true;
    }
    listed.complete(null);
  }

  /**
   * Feeds {@code stores} too: builds their informers (with {@code sources}' namespaces, node scope
   * and counters, and this slice's client and filter) and, once the slice has started, starts them.
   * A closed slice adds nothing.
   */
  public synchronized void add(InformerSources sources, List<MetricsStore<?>> stores) {
    if (closed) {
      return;
    }
    List<KindInformers<?>> next = new ArrayList<>(kinds);
    for (MetricsStore<?> store : stores) {
      KindInformers<?> k = kindInformers(store, sources, client, keeps);
      next.add(k);
      if (started) {
        startKind(k);
      }
    }
    kinds = List.copyOf(next);
  }

  /**
   * Stops feeding {@code stores}: their informers are closed and forgotten; once this returns the
   * slice writes nothing more into them.
   */
  public void retire(Set<MetricsStore<?>> stores) {
    List<KindInformers<?>> stopped = new ArrayList<>();
    synchronized (this) {
      List<KindInformers<?>> next = new ArrayList<>();
      for (KindInformers<?> k : kinds) {
        (stores.contains(k.store()) ? stopped : next).add(k);
      }
      kinds = List.copyOf(next);
    }
    stopped.forEach(KindInformers::close);
    checkListed();
  }

  /**
   * Whether every informer of {@code stores} in this slice has listed once (true for a store the
   * slice does not feed).
   */
  public boolean listed(Set<MetricsStore<?>> stores) {
    for (KindInformers<?> k : kinds) {
      if (stores.contains(k.store()) && !k.isSynced()) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether every informer of this slice has listed once and rendered what it listed (informers
   * added later are not waited for once this is true).
   */
  public boolean isSynced() {
    return synced;
  }

  /**
   * Stops every informer (and the slice's own client); once this returns the slice writes nothing.
   */
  public void close() {
    List<KindInformers<?>> all;
    synchronized (this) {
      closed = true;
      all = kinds;
    }
    for (KindInformers<?> k : all) {
      k.close();
    }
    if (ownClient != null) {
      try {
        ownClient.close();
      } catch (RuntimeException e) {
        LOG.warn("closing a shard-selecting client failed: {}", e.toString());
      }
    }
  }
}
