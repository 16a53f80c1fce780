package dev.kubestate.exporter.informers;

import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.sharding.ConsistentRangeMap;
import dev.kubestate.sharding.HashRangeSet;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * set reuses it.
 *
 * <p>With server-side sharding ({@link ServerSideSharding#selects}) sets are slices of the
 * consistent-range hash space instead: the first asks the API server for the shard's ranges; a
 * re-shard starts a set for the <em>gained</em> ranges only (none when the shard only loses), and
 * at settle every set narrows what it keeps to the new ranges (a set left with nothing closes), so
 * objects a shard keeps are never listed again. A narrowed set still receives the ranges it gave
 * away until it is replaced: when the sets together ask for more than {@link #MAX_REQUESTED_RATIO}
 * times the owned space, or there are more than {@link #MAX_SLICES}, one set for all owned ranges
 * is started and, once synced, replaces the sets it covers (one LIST of the shard's own objects).
 * Thread-safe.
 */
public final class Informers implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Informers.class);

  /** Interval of progress lines during the initial sync, in seconds. */
  static final long PROGRESS_SECONDS = 10;

  /** With server-side sharding: most hash space requested per hash space owned, before merging. */
  static final double MAX_REQUESTED_RATIO = 1.5;

  /** With server-side sharding: most sets kept running side by side once settled. */
  static final int MAX_SLICES = 4;

  private final InformerSources sources;
  private final ShardEvents events;

  /** The consistent-range map when the API server is asked to select, else null. */
  private final ConsistentRangeMap ranged;
  private final ScheduledExecutorService progress =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "informer-sync-progress");
            t.setDaemon(true);
            return t;
          });

  /** Running sets, oldest first. Guarded by this. */
  private final List<InformerSet> sets = new ArrayList<>();

  /** Sets started for the current assignment that must sync before it settles. Guarded by this. */
  private final List<InformerSet> pending = new ArrayList<>();

  /** The set replacing narrowed slices, while it lists; null otherwise. Guarded by this. */
  private InformerSet merging;

  /** The assignment every object was handed over for; the handoff starts from it. */
  private Shard settled;

  private boolean fleetReady = true;
  private long handoffStartNanos;
  private FleetWatch fleet;

  /** The assignment being served or handed over to. */
  private volatile Shard target;

  /** A copy of {@link #pending} for lock-free readers. */
  private volatile List<InformerSet> pendingView;

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
    this(
        client,
        stores,
        shard,
        shardMap,
        namespaces,
        namespacesDenylist,
        nodeScope,
        events,
        ServerSideSharding.OFF,
        SelectingClients.NONE);
  }

  /**
   * As the other constructor, with server-side sharding.
   *
   * @param serverSide whether LIST and WATCH carry a shard selector; only with the
   *     consistent-range map
   * @param selecting opens the clients that send the selectors
   */
  public Informers(
      KubernetesClient client,
      List<MetricsStore<?>> stores,
      Shard shard,
      ShardMap shardMap,
      List<String> namespaces,
      List<String> namespacesDenylist,
      NodeScope nodeScope,
      ShardEvents events,
      ServerSideSharding serverSide,
      SelectingClients selecting) {
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
            Map.copyOf(counters),
            selecting);
    this.events = events;
    this.ranged = serverSide.selects(shardMap) ? (ConsistentRangeMap) shardMap : null;
    this.settled = shard;
    this.target = shard;
    InformerSet first =
        ranged == null ? new InformerSet(shard, sources) : rangeSet(shard, owned(shard));
    sets.add(first);
    pending.add(first);
    pendingView = List.of(first);
  }

  private InformerSet rangeSet(Shard shard, HashRangeSet ranges) {
    return new InformerSet(shard, ranges, sources);
  }

  private HashRangeSet owned(Shard shard) {
    return HashRangeSet.of(ranged.ranges(shard));
  }

  /** Starts every informer without waiting; the returned future completes when all synced. */
  public synchronized CompletableFuture<Void> start() {
    InformerSet first = sets.get(0);
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
   * Works towards {@code next}, as observed with the fleet's readiness for it. Called on every
   * observation (also unchanged ones, which only update the readiness); never blocks on the API.
   *
   * @param next the assignment to serve
   * @param ready whether every replica of {@code next.total()} is ready, so objects this instance
   *     loses are served by their new owners
   */
  public synchronized void assign(Shard next, boolean ready) {
    if (closed) {
      return;
    }
    fleetReady = ready;
    if (!next.equals(target)) {
      if (!handoff) {
        handoff = true;
        handoffStartNanos = System.nanoTime();
      }
      LOG.info(
          "shard assignment changed from {} of {} to {} of {}; {} objects held, handing over",
          target.ordinal(),
          target.total(),
          next.ordinal(),
          next.total(),
          heldObjects());
      target = next;
      if (ranged == null) {
        assignWhole(next);
      } else {
        assignRanges(next);
      }
      pendingView = List.copyOf(pending);
      events.assigned(next);
      rememberDeletesWhileOverlapping();
    }
    settleIfReady();
  }

  /**
   * Stores remember deleted UIDs while two running sets may deliver the same object: during a
   * handoff with client-side selection, and while a merged set lists with server-side selection
   * (whose other sets keep disjoint ranges).
   */
  private void rememberDeletesWhileOverlapping() {
    boolean overlapping = ranged == null ? sets.size() > 1 : merging != null;
    for (MetricsStore<?> store : sources.stores()) {
      store.rememberDeletes(overlapping);
    }
  }

  /** Client-side selection: one set per assignment, reused when the assignment returns to it. */
  private void assignWhole(Shard next) {
    InformerSet set = null;
    for (InformerSet s : sets) {
      if (s.shard().equals(next)) {
        set = s;
      }
    }
    pending.clear();
    if (set == null) {
      set = new InformerSet(next, sources);
      sets.add(set);
      startPending(set);
    } else {
      sets.remove(set);
      sets.add(set);
      if (!set.isSynced()) {
        pending.add(set);
      }
    }
  }

  /**
   * Server-side selection: starts a set for the ranges of {@code next} that no running set keeps
   * (none when the shard only loses); every running set keeps feeding until the handoff settles.
   */
  private void assignRanges(Shard next) {
    HashRangeSet covered = HashRangeSet.EMPTY;
    for (InformerSet s : sets) {
      covered = covered.union(s.kept());
    }
    HashRangeSet gained = owned(next).minus(covered);
    pending.removeIf(InformerSet::isSynced);
    if (gained.isEmpty()) {
      LOG.info("no hash ranges gained: nothing to list");
      return;
    }
    LOG.info(
        "listing only the gained hash ranges, {}% of the space: {}",
        String.format(Locale.ROOT, "%.3f", 100 * gained.fraction()),
        gained);
    InformerSet set = rangeSet(next, gained);
    sets.add(set);
    startPending(set);
  }

  private void startPending(InformerSet set) {
    pending.add(set);
    set.start().thenRun(this::settleIfReady);
  }

  /** Ends the handoff once every set the target needs has synced and the fleet is ready for it. */
  private synchronized void settleIfReady() {
    if (closed || !handoff || !fleetReady || !allSynced(pending)) {
      return;
    }
    Shard to = target;
    if (ranged == null) {
      InformerSet keep = sets.get(sets.size() - 1);
      for (InformerSet s : sets) {
        if (s != keep) {
          s.close();
        }
      }
      sets.clear();
      sets.add(keep);
    } else {
      narrowTo(owned(to));
    }
    pending.clear();
    pendingView = List.of();
    long movedIn = 0;
    long movedOut = 0;
    ShardMap map = sources.shardMap();
    for (MetricsStore<?> store : sources.stores()) {
      for (String uid : store.uids()) {
        if (!map.owns(to, uid)) {
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
        to.ordinal(),
        to.total(),
        movedIn,
        movedOut,
        (System.nanoTime() - handoffStartNanos) / 1_000_000);
    settled = to;
    handoff = false;
    events.settled(movedIn, movedOut);
    if (ranged != null) {
      mergeIfWasteful(to);
    }
    rememberDeletesWhileOverlapping();
  }

  /** Narrows every set to {@code owned}; sets left with nothing to keep are closed. */
  private void narrowTo(HashRangeSet owned) {
    for (InformerSet s : List.copyOf(sets)) {
      s.narrow(owned);
      if (s.kept().isEmpty()) {
        s.close();
        sets.remove(s);
        if (s == merging) {
          merging = null;
        }
      }
    }
  }

  /**
   * Starts one set for every range {@code shard} owns when the running sets ask the API server
   * for too much beyond it, or are too many; once synced it replaces the sets it covers.
   */
  private void mergeIfWasteful(Shard shard) {
    if (merging != null) {
      return;
    }
    HashRangeSet owned = owned(shard);
    BigInteger requested = BigInteger.ZERO;
    for (InformerSet s : sets) {
      requested = requested.add(s.requested().width());
    }
    double ratio = requested.doubleValue() / owned.width().doubleValue();
    if (sets.size() <= MAX_SLICES && ratio <= MAX_REQUESTED_RATIO) {
      return;
    }
    LOG.info(
        "{} informer sets ask the API server for {} times the owned hash space; listing the"
            + " owned ranges once to replace them",
        sets.size(),
        String.format(Locale.ROOT, "%.2f", ratio));
    InformerSet set = rangeSet(shard, owned);
    merging = set;
    sets.add(set);
    set.start().thenRun(() -> merged(set));
  }

  /** Closes every set the merged set covers. */
  private synchronized void merged(InformerSet set) {
    if (closed || merging != set) {
      return;
    }
    merging = null;
    int replaced = 0;
    for (InformerSet s : List.copyOf(sets)) {
      if (s != set && set.kept().containsAll(s.kept())) {
        s.close();
        sets.remove(s);
        replaced++;
      }
    }
    LOG.info("one informer set now replaces {} narrowed ones", replaced);
    rememberDeletesWhileOverlapping();
  }

  private static boolean allSynced(List<InformerSet> sets) {
    for (InformerSet s : sets) {
      if (!s.isSynced()) {
        return false;
      }
    }
    return true;
  }

  private long heldObjects() {
    long n = 0;
    for (MetricsStore<?> store : sources.stores()) {
      n += store.size();
    }
    return n;
  }

  private void logProgress() {
    List<InformerSet> waiting = pendingView;
    if (allSynced(waiting) || closed) {
      progress.shutdown();
      return;
    }
    for (InformerSet set : waiting) {
      for (KindInformers<?> k : set.kinds()) {
        if (!k.isSynced()) {
          LOG.info(
              "{}: still listing after {} s, {} objects kept so far, {} dropped by the shard"
                  + " filter",
              k.resource(),
              k.elapsedNanos() / 1_000_000_000L,
              k.store().size(),
              k.counters().droppedByShard());
        }
      }
    }
  }

  /** Whether every informer the current assignment needs has listed at least once. */
  public boolean isSynced() {
    return allSynced(pendingView);
  }

  /** The assignment being served or handed over to. */
  public Shard shard() {
    return target;
  }

  /** The UID-to-shard map. */
  public ShardMap shardMap() {
    return sources.shardMap();
  }

  /** Whether LIST and WATCH requests carry a shard selector. */
  public boolean selectsOnServer() {
    return ranged != null;
  }

  /** Whether a handoff is under way (objects of an earlier assignment may be served). */
  public boolean inHandoff() {
    return handoff;
  }

  /** Informer sets running, for telemetry: 1 when settled, unless slices await merging. */
  public synchronized int runningSets() {
    return sets.size();
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
