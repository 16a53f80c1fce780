package dev.kubestate.exporter.informers;

import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every informer of one exporter: one {@link InformerSet} (one informer group per store) for the
 * current shard assignment, and during a re-shard also the sets of earlier assignments.
 * {@link #start} returns at once; while the initial LISTs run a progress line is logged every
 * {@link #PROGRESS_SECONDS} seconds. {@link #isSynced} is true once the current assignment's set
 * has listed.
 *
 * <p>Re-sharding ({@link #assign}) never opens a gap: the set of the new assignment is started
 * next to the running ones and feeds the same stores (whose resourceVersion check keeps two
 * writers from moving an object back in time), so objects are gained before any is dropped. Only
 * when the new set has synced and the fleet is ready for the new assignment are the older sets
 * stopped and the objects the new assignment does not own removed; until then they are served
 * twice rather than not at all. When the assignment changes again mid-handoff the newest wins:
 * every running set is kept (none may be the only one serving some object) until the newest has
 * synced and the fleet is ready for it; an assignment that returns to an earlier, still running
 * set reuses it. Thread-safe.
 */
public final class Informers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Informers.class);

  /** Interval of progress lines during the initial sync, in seconds. */
  static final long PROGRESS_SECONDS = 10;

  private final InformerSources sources;
  private final ShardEvents events;
  private final ScheduledExecutorService progress =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "informer-sync-progress");
            t.setDaemon(true);
            return t;
          });

  /** Running sets, oldest first; the last is {@link #current}. Guarded by this. */
  private final List<InformerSet> sets = new ArrayList<>();

  /** The assignment every object was handed over for; the handoff starts from it. */
  private Shard settled;

  private boolean fleetReady = true;
  private long handoffStartNanos;
  private FleetWatch fleet;
  private volatile InformerSet current;
  private volatile boolean handoff;
  private volatile boolean closed;

  /**
   * Builds (does not start) the informers of the first assignment.
   *
   * @param client the client; its HTTP layer should carry an {@link ApiRequestInterceptor}
   * @param stores one store per enabled kind, each fed by that kind's informers
   * @param shard this instance's first shard assignment
   * @param shardMap the UID-to-shard map
   * @param namespaces namespaces to watch for namespaced kinds, empty = all; duplicates ignored
   * @param namespacesDenylist namespaces excluded from namespaced kinds by field selector
   * @param nodeScope the pods to export, selected by node on the server and on the client;
   *     applies to the pods store only
   * @param events told about every assignment and handoff
   */
  public Informers(
      KubernetesClient client,
      List<MetricsStore<?>> stores,
      Shard shard,
      ShardMap shardMap,
      List<String> namespaces,
      List<String> namespacesDenylist,
      NodeScope nodeScope,
      ShardEvents events) {
    Map<String, KindCounters> counters = new LinkedHashMap<>();
    stores.forEach(s -> counters.put(s.resource(), new KindCounters()));
    this.sources =
        new InformerSources(
            client,
            List.copyOf(stores),
            shardMap,
            namespaces.stream().distinct().toList(),
            List.copyOf(namespacesDenylist),
            nodeScope,
            Map.copyOf(counters));
    this.events = events;
    this.settled = shard;
    this.current = new InformerSet(shard, sources);
    sets.add(current);
  }

  /** Starts every informer without waiting; the returned future completes when all synced. */
  public synchronized CompletableFuture<Void> start() {
    InformerSet first = current;
    events.assigned(first.shard());
    progress.scheduleAtFixedRate(
        this::logProgress, PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
    return first
        .start()
        .thenRun(
            () -> {
              progress.shutdown();
              LOG.info("all {} resources synced", first.kinds().size());
            });
  }

  /**
   * Follows the StatefulSet of {@code pod}: every observation of it is {@link #assign assigned}
   * until {@link #close}.
   */
  public synchronized void follow(PodShard pod) {
    if (closed || fleet != null) {
      return;
    }
    fleet = FleetWatch.start(sources.client(), pod, this);
  }

  /**
   * Works towards {@code target}, as observed with the fleet's readiness for it. Called on every
   * observation (also unchanged ones, which only update the readiness); never blocks on the API.
   *
   * @param target the assignment to serve
   * @param ready whether every replica of {@code target.total()} is ready, so objects this
   *     instance loses are served by their new owners
   */
  public synchronized void assign(Shard target, boolean ready) {
    if (closed) {
      return;
    }
    fleetReady = ready;
    if (!target.equals(current.shard())) {
      if (!handoff) {
        handoff = true;
        handoffStartNanos = System.nanoTime();
      }
      InformerSet next = null;
      for (InformerSet s : sets) {
        if (s.shard().equals(target)) {
          next = s;
        }
      }
      LOG.info(
          "shard assignment changed from {} of {} to {} of {}; {} objects held, handing over",
          current.shard().ordinal(),
          current.shard().total(),
          target.ordinal(),
          target.total(),
          heldObjects());
      if (next == null) {
        next = new InformerSet(target, sources);
        sets.add(next);
        current = next;
        next.start().thenRun(this::settleIfReady);
      } else {
        sets.remove(next);
        sets.add(next);
        current = next;
      }
      events.assigned(target);
    }
    settleIfReady();
  }

  /** Ends the handoff once the current set has synced and the fleet is ready for it. */
  private synchronized void settleIfReady() {
    InformerSet to = current;
    if (closed || !handoff || !to.isSynced() || !fleetReady) {
      return;
    }
    for (InformerSet s : sets) {
      if (s != to) {
        s.close();
      }
    }
    sets.clear();
    sets.add(to);
    long movedIn = 0;
    long movedOut = 0;
    ShardMap map = sources.shardMap();
    for (MetricsStore<?> store : sources.stores()) {
      for (String uid : store.uids()) {
        if (!map.owns(to.shard(), uid)) {
          store.remove(uid);
          movedOut++;
        } else if (!map.owns(settled, uid)) {
          movedIn++;
        }
      }
    }
    LOG.info(
        "re-sharded from shard {} of {} to shard {} of {}: {} objects moved in, {} moved out,"
            + " settled in {} ms",
        settled.ordinal(),
        settled.total(),
        to.shard().ordinal(),
        to.shard().total(),
        movedIn,
        movedOut,
        (System.nanoTime() - handoffStartNanos) / 1_000_000);
    settled = to.shard();
    handoff = false;
    events.settled(movedIn, movedOut);
  }

  private long heldObjects() {
    long n = 0;
    for (MetricsStore<?> store : sources.stores()) {
      n += store.size();
    }
    return n;
  }

  private void logProgress() {
    InformerSet set = current;
    if (set.isSynced() || closed) {
      progress.shutdown();
      return;
    }
    for (KindInformers<?> k : set.kinds()) {
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

  /** Whether the current assignment's informers have all listed at least once. */
  public boolean isSynced() {
    return current.isSynced();
  }

  /** The assignment being served or handed over to. */
  public Shard shard() {
    return current.shard();
  }

  /** The UID-to-shard map. */
  public ShardMap shardMap() {
    return sources.shardMap();
  }

  /** Whether a handoff is under way (objects of an earlier assignment may be served). */
  public boolean inHandoff() {
    return handoff;
  }

  /** Counters of one resource, e.g. {@code pods}; null when it is not enabled. */
  public KindCounters counters(String resource) {
    return sources.counters(resource);
  }

  /** Stops every informer; idempotent. */
  @Override
  public void close() {
    FleetWatch watch;
    synchronized (this) {
      closed = true;
      watch = fleet;
    }
    if (watch != null) {
      watch.close();
    }
    closeSets();
  }

  private synchronized void closeSets() {
    progress.shutdownNow();
    for (InformerSet s : sets) {
      s.close();
    }
  }
}
