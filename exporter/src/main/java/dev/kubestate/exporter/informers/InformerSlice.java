package dev.kubestate.exporter.informers;

import dev.kubestate.exporter.store.MetricsStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informers of one slice of the UID space: one {@link KindInformers} per store, each keeping
 * only the objects whose UID the slice's predicate accepts (which may narrow over time). What the
 * slice covers (a whole shard assignment, or hash ranges the API server is asked for) is its
 * owner's business; a slice may list through a client of its own, which it closes with itself.
 * Several slices may feed the same stores. Thread-safe.
 */
public final class InformerSlice {

  private static final Logger LOG = LoggerFactory.getLogger(InformerSlice.class);

  private final KubernetesClient ownClient;
  private final List<KindInformers<?>> kinds = new ArrayList<>();
  private CompletableFuture<Void> started;
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
    KubernetesClient client = ownClient == null ? sources.client() : ownClient;
    for (MetricsStore<?> store : sources.stores()) {
      kinds.add(kindInformers(store, sources, client, keeps));
    }
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

  /** The informers of each store, in store order. */
  public List<KindInformers<?>> kinds() {
    return kinds;
  }

  /**
   * Starts every informer without waiting; a second call starts nothing and returns the same
   * future.
   *
   * @return completes when all have listed once
   */
  public synchronized CompletableFuture<Void> start() {
    if (started == null) {
      CompletableFuture<?>[] all = new CompletableFuture<?>[kinds.size()];
      for (int i = 0; i < all.length; i++) {
        all[i] = kinds.get(i).start();
      }
      started = CompletableFuture.allOf(all).thenRun(() -> synced = true);
    }
    return started;
  }

  /** Whether every informer of this slice has listed once and rendered what it listed. */
  public boolean isSynced() {
    return synced;
  }

  /**
   * Stops every informer (and the slice's own client); once this returns the slice writes nothing.
   */
  public void close() {
    for (KindInformers<?> k : kinds) {
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
