package dev.kubestate.exporter.informers;

import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.sharding.HashRangeSet;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardSelector;
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
 * only the objects the slice covers. A slice either covers a whole shard assignment, selected on
 * the client only, or (with server-side sharding) a set of hash ranges, which the API server is
 * asked for with a {@code shardSelector} and which are checked again on the client. A ranged
 * slice can {@link #narrow} what it keeps when a re-shard takes some of its ranges away; what it
 * asked the server for stays as it was until the slice is closed. Several slices may feed the
 * same stores. Thread-safe.
 */
final class InformerSet {

  private static final Logger LOG = LoggerFactory.getLogger(InformerSet.class);

  private final Shard shard;
  private final HashRangeSet requested;
  private final KubernetesClient ownClient;
  private final List<KindInformers<?>> kinds = new ArrayList<>();
  private volatile HashRangeSet kept;
  private volatile boolean synced;

  /** Builds (does not start) the informers of a whole assignment, selected on the client. */
  InformerSet(Shard shard, InformerSources sources) {
    this.shard = shard;
    this.requested = null;
    this.kept = null;
    this.ownClient = null;
    build(sources, sources.client(), uid -> sources.shardMap().owns(shard, uid));
  }

  /**
   * Builds (does not start) the informers of hash ranges of the consistent-range map: the API
   * server is asked for {@code ranges} (no selector when they are the whole space), and the
   * objects in them are kept.
   *
   * @param shard the assignment these ranges were listed for
   * @param ranges a non-empty set of FNV-1a hash ranges
   */
  InformerSet(Shard shard, HashRangeSet ranges, InformerSources sources) {
    this.shard = shard;
    this.requested = ranges;
    this.kept = ranges;
    this.ownClient =
        ranges.isWhole() ? null : sources.selecting().open(ShardSelector.format(ranges.ranges()));
    build(sources, ownClient == null ? sources.client() : ownClient, this::keeps);
  }

  private void build(
      InformerSources sources,
      KubernetesClient client,
      Predicate<String> owns) {
    for (MetricsStore<?> store : sources.stores()) {
      kinds.add(kindInformers(store, sources, client, owns));
    }
  }

  @SuppressWarnings("unchecked")
  private <T extends HasMetadata> KindInformers<T> kindInformers(
      MetricsStore<?> store,
      InformerSources sources,
      KubernetesClient client,
      Predicate<String> owns) {
    return new KindInformers<>(
        client,
        (MetricsStore<T>) store,
        owns,
        sources.namespaces(),
        sources.namespacesDenylist(),
        sources.nodeScope(),
        sources.counters(store.resource()));
  }

  private boolean keeps(String uid) {
    return kept.containsUid(uid);
  }

  /** The assignment this set was started for. */
  Shard shard() {
    return shard;
  }

  /** The ranges asked of the API server, or null for a set selected on the client only. */
  HashRangeSet requested() {
    return requested;
  }

  /** The ranges kept, or null for a set selected on the client only. */
  HashRangeSet kept() {
    return kept;
  }

  /**
   * Keeps only the part of the kept ranges inside {@code owned} from now on; objects outside it
   * that are in the stores must be removed by the caller.
   */
  void narrow(HashRangeSet owned) {
    kept = kept.intersect(owned);
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

  /** Stops every informer (and the set's own client); once this returns the set writes nothing. */
  void close() {
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

  @Override
  public String toString() {
    return requested == null
        ? "shard " + shard.ordinal() + " of " + shard.total()
        : "ranges " + kept + " (listed " + requested + ")";
  }
}
