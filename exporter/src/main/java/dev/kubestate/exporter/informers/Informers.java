package dev.kubestate.exporter.informers;

import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every informer of one exporter, one {@link KindInformers} per store. {@link #start} returns at
 * once; while the initial LISTs run a progress line is logged every {@link #PROGRESS_SECONDS}
 * seconds. {@link #isSynced} turns true once every informer has listed, and stays true.
 * Thread-safe.
 */
public final class Informers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Informers.class);

  /** Interval of progress lines during the initial sync, in seconds. */
  static final long PROGRESS_SECONDS = 10;

  private final List<KindInformers<?>> kinds = new ArrayList<>();
  private final ScheduledExecutorService progress =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "informer-sync-progress");
            t.setDaemon(true);
            return t;
          });
  private volatile boolean synced;
  private volatile boolean closed;

  /**
   * Builds (does not start) the informers.
   *
   * @param client the client; its HTTP layer should carry an {@link ApiRequestInterceptor}
   * @param stores one store per enabled kind, each fed by that kind's informers
   * @param shard this instance's shard
   * @param shardMap the UID-to-shard map
   * @param namespaces namespaces to watch for namespaced kinds, empty = all; duplicates ignored
   * @param namespacesDenylist namespaces excluded from namespaced kinds by field selector
   * @param nodeScope the pods to export, selected by node on the server and on the client;
   *     applies to the pods store only
   */
  public Informers(
      KubernetesClient client,
      List<MetricsStore<?>> stores,
      Shard shard,
      ShardMap shardMap,
      List<String> namespaces,
      List<String> namespacesDenylist,
      NodeScope nodeScope) {
    List<String> watched = namespaces.stream().distinct().toList();
    for (MetricsStore<?> store : stores) {
      kinds.add(
          kindInformers(client, store, shard, shardMap, watched, namespacesDenylist, nodeScope));
    }
  }

  @SuppressWarnings("unchecked")
  private static <T extends HasMetadata> KindInformers<T> kindInformers(
      KubernetesClient client,
      MetricsStore<?> store,
      Shard shard,
      ShardMap shardMap,
      List<String> namespaces,
      List<String> denylist,
      NodeScope nodeScope) {
    return new KindInformers<>(
        client, (MetricsStore<T>) store, shard, shardMap, namespaces, denylist, nodeScope);
  }

  /** Starts every informer without waiting; the returned future completes when all synced. */
  public CompletableFuture<Void> start() {
    CompletableFuture<?>[] all = new CompletableFuture<?>[kinds.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = kinds.get(i).start();
    }
    progress.scheduleAtFixedRate(
        this::logProgress, PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
    return CompletableFuture.allOf(all)
        .thenRun(
            () -> {
              synced = true;
              progress.shutdown();
              LOG.info("all {} resources synced", kinds.size());
            });
  }

  private void logProgress() {
    if (synced || closed) {
      progress.shutdown();
      return;
    }
    for (KindInformers<?> k : kinds) {
      if (!k.isSynced()) {
        LOG.info(
            "{}: still listing after {} s, {} objects kept so far, {} dropped by the shard filter",
            k.resource(),
            k.elapsedNanos() / 1_000_000_000L,
            k.store().size(),
            k.counters().droppedByShard());
      }
    }
  }

  /** Whether every informer has listed at least once. */
  public boolean isSynced() {
    return synced;
  }

  /** Counters of one resource, e.g. {@code pods}; null when it is not enabled. */
  public KindCounters counters(String resource) {
    for (KindInformers<?> k : kinds) {
      if (k.resource().equals(resource)) {
        return k.counters();
      }
    }
    return null;
  }

  /** Stops every informer; idempotent. */
  @Override
  public void close() {
    closed = true;
    progress.shutdownNow();
    for (KindInformers<?> k : kinds) {
      k.close();
    }
  }
}
