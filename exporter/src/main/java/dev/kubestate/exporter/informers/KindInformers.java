package dev.kubestate.exporter.informers;

import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.store.MetricsStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informers of one kind: one across all namespaces, or one per watched namespace for a
 * namespaced kind, all feeding the kind's one store. The informers of a {@linkplain
 * ResourceKind#nodeScoped() node-scoped} kind (pods) alone carry the {@link NodeScope}: its {@code
 * spec.nodeName} term is AND-ed to their field selector and checked again on every object
 * received. Informers are built unstarted; {@link #start} starts them and logs one line when all
 * have listed. Thread-safe.
 *
 * @param <T> the object class
 */
public final class KindInformers<T extends HasMetadata> {

  private static final Logger LOG = LoggerFactory.getLogger(KindInformers.class);

  /** Page size of LIST requests, as client-go's reflector uses. */
  private static final long LIST_PAGE_SIZE = 500;

  private final MetricsStore<T> store;
  private final KindCounters counters;
  private final List<SharedIndexInformer<T>> informers = new ArrayList<>();
  private final List<StoreFeed<T>> feeds = new ArrayList<>();
  private final AtomicLong retriesLogged = new AtomicLong();
  private final AtomicBoolean notServedLogged = new AtomicBoolean();

  /** Completed when the API server answers 404 for the kind: sync then stops waiting for it. */
  private final CompletableFuture<Void> notServed = new CompletableFuture<>();
  private volatile boolean synced;
  private volatile boolean closed;
  private volatile long startNanos;

  /**
   * @param client the client, whose HTTP layer counts requests (and may add a shard selector)
   * @param store the kind's store
   * @param owns whether a (non-null) UID is kept; may narrow over time
   * @param namespaces namespaces to watch (empty = all); ignored for cluster-scoped kinds
   * @param namespacesDenylist namespaces excluded by field selector; ignored for cluster-scoped
   * @param nodeScope the objects to export of a node-scoped kind; ignored for every other kind
   * @param counters the kind's counters, shared by every informer set of the kind
   */
  KindInformers(
      KubernetesClient client,
      MetricsStore<T> store,
      Predicate<String> owns,
      List<String> namespaces,
      List<String> namespacesDenylist,
      NodeScope nodeScope,
      KindCounters counters) {
    this.store = store;
    this.counters = counters;
    ResourceKind<T> kind = store.renderer().kind();
    Class<T> type = kind.type();
    boolean namespaced = kind.namespaced();
    NodeScope scope = kind.nodeScoped() ? nodeScope : NodeScope.all();
    MixedOperation<T, ?, ?> op = client.resources(type);
    List<Informable<T>> sources = new ArrayList<>();
    if (!namespaced) {
      sources.add(op);
    } else if (namespaces.isEmpty()) {
      sources.add(select(op.inAnyNamespace(), namespacesDenylist, scope));
    } else {
      for (String ns : namespaces) {
        sources.add(select(op.inNamespace(ns), namespacesDenylist, scope));
      }
    }
    for (Informable<T> source : sources) {
      StoreFeed<T> feed =
          new StoreFeed<>(
              store, ReceivedObjects.of(type, kind.metadataOnly()), owns, scope, counters);
      SharedIndexInformer<T> informer =
          counters.objectLimit() > 0
              ? LimitedList.informer(client, source, type, counters)
              : source.withLimit(LIST_PAGE_SIZE).runnableInformer(0);
      informer
          .itemStore(new ShardItemStore<>(type, owns))
          .removeNamespaceIndex()
          .exceptionHandler(this::retry)
          .addEventHandler(feed);
      informers.add(informer);
      feeds.add(feed);
    }
  }

  /**
   * Adds the field selector terms: {@code metadata.namespace!=<ns>} per denied namespace and,
   * for a restricting scope, {@code spec.nodeName=<node>}. fabric8 writes equality terms before
   * inequality terms, so the string reads {@code spec.nodeName=n,metadata.namespace!=ns} where
   * KSM writes the reverse; the API server ANDs the terms, so the selection is KSM's.
   */
  private static <T> FilterWatchListDeletable<T, ?, ?> select(
      FilterWatchListDeletable<T, ?, ?> op, List<String> denylist, NodeScope scope) {
    FilterWatchListDeletable<T, ?, ?> out = op;
    for (String ns : denylist) {
      out = out.withoutField("metadata.namespace", ns);
    }
    if (scope.restricts()) {
      out = out.withField(NodeScope.FIELD, scope.nodeName());
    }
    return out;
  }

  /**
   * Keeps retrying like KSM's reflectors until closed (failures are logged where each request
   * fails, in the request layer; here only at debug). A 404 means the API server does not serve
   * the kind: it is logged once, counted, and no longer holds up the sync (so {@code /readyz}
   * does not wait for a kind the cluster lacks); the informer keeps retrying, so the kind is
   * exported as soon as the server serves it.
   */
  private boolean retry(boolean started, Throwable t) {
    if (closed) {
      return false;
    }
    if (isNotFound(t)) {
      counters.notServed.incrementAndGet();
      if (notServedLogged.compareAndSet(false, true)) {
        LOG.warn(
            "{}: the API server does not serve {} (404 Not Found); nothing is exported for it,"
                + " retrying in the background",
            resource(),
            apiPath());
      }
      notServed.complete(null);
      return true;
    }
    long n = retriesLogged.incrementAndGet();
    if (isRequestFailure(t)) {
      // Logged where the request failed (telemetry's ApiFailureLog, told by the request layer).
      LOG.debug("{}: list/watch failed ({} failures so far), retrying: {}", resource(), n, t);
    } else if (n == 1 || n % 10 == 0) {
      LOG.warn(
          "{}: list/watch failed ({} failures so far), retrying: {}", resource(), n, t.toString());
    }
    return true;
  }

  /** The kind's resource name, e.g. {@code pods}. */
  public String resource() {
    return store.resource();
  }

  /** {@code apps/v1 statefulsets}: what the informers ask for, for log lines. */
  private String apiPath() {
    ResourceKind<T> kind = store.renderer().kind();
    String group = kind.group().isEmpty() ? "" : kind.group() + "/";
    return group + HasMetadata.getVersion(kind.type()) + " " + kind.resource();
  }

  /** Whether {@code t} is a request that failed to connect or was answered with an error. */
  private static boolean isRequestFailure(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof java.io.IOException
          || (c instanceof KubernetesClientException e && e.getCode() > 0)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code t} or a cause of it is the API server's 404 Not Found. */
  private static boolean isNotFound(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof KubernetesClientException e && e.getCode() == 404) {
        return true;
      }
    }
    return false;
  }

  /** Whether the API server answered 404 for the kind (it may serve it later). */
  boolean isNotServed() {
    return notServed.isDone();
  }

  /** The store these informers feed. */
  public MetricsStore<T> store() {
    return store;
  }

  /** The kind's counters, shared by every slice. */
  public KindCounters counters() {
    return counters;
  }

  /** Whether every informer of the kind has listed once (or the kind is not served). */
  public boolean isSynced() {
    return synced;
  }

  /** Nanoseconds since {@link #start}, for progress lines. */
  public long elapsedNanos() {
    return System.nanoTime() - startNanos;
  }

  /**
   * Starts every informer without waiting.
   *
   * @return completes when all of them have listed once and every listed object has been
   *     rendered into the store
   */
  CompletableFuture<Void> start() {
    startNanos = System.nanoTime();
    CompletableFuture<?>[] started = new CompletableFuture<?>[2 * informers.size()];
    for (int i = 0; i < informers.size(); i++) {
      started[2 * i] = informers.get(i).start().toCompletableFuture();
      started[2 * i + 1] = feeds.get(i).listed();
    }
    return CompletableFuture.anyOf(CompletableFuture.allOf(started), notServed)
        .thenRun(() -> {})
        .whenComplete(
            (v, e) -> {
              if (e != null && closed) {
                // Stopped (the process stops, or a re-shard replaced this set) before syncing.
                LOG.debug("{}: stopped before its first list", resource());
              } else if (e != null) {
                LOG.error(
                    "{}: informer stopped before its first list: {}", resource(), e.toString());
              }
            })
        .thenRun(
            () -> {
              synced = true;
              if (isNotServed() && !informers.get(0).hasSynced()) {
                return;
              }
              LOG.info(
                  "{}: synced, {} objects kept, {} dropped by the shard filter, {} by the node"
                      + " filter, in {} ms",
                  resource(),
                  store.size(),
                  counters.droppedByShard(),
                  counters.droppedByNode(),
                  elapsedNanos() / 1_000_000);
            });
  }

  /** Stops every informer; once this returns no event reaches the store any more; idempotent. */
  void close() {
    closed = true;
    feeds.forEach(StoreFeed::stop);
    for (SharedIndexInformer<T> informer : informers) {
      try {
        informer.close();
      } catch (RuntimeException e) {
        LOG.warn("{}: stopping an informer failed: {}", resource(), e.toString());
      }
    }
  }
}
