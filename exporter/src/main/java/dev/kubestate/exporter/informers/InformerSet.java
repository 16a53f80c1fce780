package dev.kubestate.exporter.informers;

import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.sharding.Shard;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The informers of one shard assignment: one {@link KindInformers} per store, each keeping only
 * the objects {@link #shard} owns. Several sets may feed the same stores while a re-shard hands
 * objects over. Thread-safe.
 */
final class InformerSet {

  private final Shard shard;
  private final List<KindInformers<?>> kinds = new ArrayList<>();
  private volatile boolean synced;

  /** Builds (does not start) one set of informers for {@code shard}. */
  InformerSet(Shard shard, InformerSources sources) {
    this.shard = shard;
    for (MetricsStore<?> store : sources.stores()) {
      kinds.add(kindInformers(store, sources));
    }
  }

  @SuppressWarnings("unchecked")
  private <T extends HasMetadata> KindInformers<T> kindInformers(
      MetricsStore<?> store, InformerSources sources) {
    return new KindInformers<>(
        sources.client(),
        (MetricsStore<T>) store,
        shard,
        sources.shardMap(),
        sources.namespaces(),
        sources.namespacesDenylist(),
        sources.nodeScope(),
        sources.counters(store.resource()));
  }

  Shard shard() {
    return shard;
  }

  List<KindInformers<?>> kinds() {
    return kinds;
  }

  /** Starts every informer without waiting; the future completes when all have listed once. */
  CompletableFuture<Void> start() {
    CompletableFuture<?>[] all = new CompletableFuture<?>[kinds.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = kinds.get(i).start();
    }
    return CompletableFuture.allOf(all).thenRun(() -> synced = true);
  }

  /** Whether every informer of this set has listed once and rendered what it listed. */
  boolean isSynced() {
    return synced;
  }

  /** Stops every informer; once this returns the set writes nothing more; idempotent. */
  void close() {
    for (KindInformers<?> k : kinds) {
      k.close();
    }
  }
}
