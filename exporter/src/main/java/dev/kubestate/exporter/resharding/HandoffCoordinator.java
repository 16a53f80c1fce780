package dev.kubestate.exporter.resharding;

import dev.kubestate.exporter.apirequests.SelectingClients;
import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.informers.InformerSlice;
import dev.kubestate.exporter.informers.InformerSources;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.sharding.ConsistentRangeMap;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the objects of one exporter over from one shard assignment to the next without a gap. It
 * runs every informer slice of the exporter: the slices of the current assignment and, during a
 * re-shard, those of earlier ones; how the UID space is cut into slices is a {@link
 * SliceStrategy}'s business. {@link #start} returns at once; while the initial LISTs run, {@link
 * SyncProgress} logs. {@link #isSynced} is true once the current assignment's slices have listed.
 *
 * <p>Re-sharding ({@link #assign}) never opens a gap: the slices of the new assignment start next
 * to the running ones and feed the same stores (whose resourceVersion check keeps two writers from
 * moving an object back in time), so objects are gained before any is dropped. Only when the new
 * slices have synced and the fleet is ready for the new assignment does the handoff settle: the
 * strategy stops or narrows the slices no longer needed, and the objects the new assignment does
 * not own are removed; until then they are served twice rather than not at all. When the assignment
 * changes again mid-handoff the newest wins: every running slice is kept (none may be the only one
 * serving some object) until the newest has synced and the fleet is ready for it. While slices may
 * deliver the same object, stores remember deletes.
 *
 * <p>Stores can be {@link #add added} to and {@link #retire retired} from a running coordinator:
 * every running slice (and every slice built later) starts or stops feeding them, under the same
 * lock as re-sharding, so a store added during a handoff is fed by the slices of both assignments.
 * Thread-safe.
 */
public final class HandoffCoordinator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HandoffCoordinator.class);

  /** Objects moved by one handoff. */
  private record Moved(long in, long out) {}

  /** What slices are built from; changes as stores are added and retired. Guarded by this. */
  private InformerSources sources;

  private final ShardMap shardMap;
  private final ShardEvents events;
  private final SliceStrategy strategy;
  private final SyncProgress progress;
  private final Shard initial;
  private final InformerSlice first;

  /** Slices the current assignment waits for before it can settle. Guarded by this. */
  private List<InformerSlice> pending;

  /** The assignment every object was handed over for; the handoff starts from it. */
  private Shard settled;

  private boolean fleetReady = true;
  private long handoffStartNanos;

  /** The assignment being served or handed over to. */
  private volatile Shard target;

  /** {@link #pending} for lock-free readers. */
  private volatile List<InformerSlice> pendingView;

  private volatile boolean handoff;
  private volatile boolean closed;

  /**
   * Builds (does not start) the slices of the first assignment: slices of hash ranges the API
   * server is asked for when {@code serverSide} selects with {@code shardMap} (the consistent-range
   * map), else one slice per assignment selected on the client.
   *
   * @param sources the client, stores and scope every slice shares
   * @param shardMap the UID-to-shard map
   * @param shard this instance's first shard assignment
   * @param events told about every assignment and handoff
   * @param serverSide whether LIST and WATCH may carry a shard selector
   * @param selecting opens the clients that send the selectors
   */
  public static HandoffCoordinator create(
      InformerSources sources,
      ShardMap shardMap,
      Shard shard,
      ShardEvents events,
      ServerSideSharding serverSide,
      SelectingClients selecting) {
    SliceStrategy strategy =
        serverSide.selects(shardMap)
            ? new RangeSlices(sources, (ConsistentRangeMap) shardMap, selecting)
            : new WholeShardSlices(sources, shardMap);
    return new HandoffCoordinator(sources, shardMap, shard, events, strategy);
  }

  HandoffCoordinator(
      InformerSources sources,
      ShardMap shardMap,
      Shard shard,
      ShardEvents events,
      SliceStrategy strategy) {
    this.sources = sources;
    this.shardMap = shardMap;
    this.events = events;
    this.strategy = strategy;
    this.initial = shard;
    this.settled = shard;
    this.target = shard;
    this.first = strategy.first(shard);
    this.pending = List.of(first);
    this.pendingView = pending;
    this.progress = new SyncProgress(() -> closed ? List.of() : pendingView);
  }

  /** Starts every informer without waiting; the returned future completes when all synced. */
  public synchronized CompletableFuture<Void> start() {
    events.assigned(initial);
    progress.start();
    return first
        .start()
        .thenRun(
            () -> {
              progress.stop();
              LOG.info("all {} resources synced", first.kinds().size());
            });
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
      handOver(next);
    }
    settleIfReady();
  }

  /** Starts the handoff to {@code next}, or redirects the one under way. */
  private void handOver(Shard next) {
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
    pending = strategy.assign(next, pending);
    pendingView = List.copyOf(pending);
    events.assigned(next);
    rememberDeletesWhileOverlapping();
    for (InformerSlice slice : pending) {
      slice.start().thenRun(this::settleIfReady);
    }
  }

  /** Stores remember deleted UIDs while two running slices may deliver the same object. */
  private void rememberDeletesWhileOverlapping() {
    boolean overlapping = strategy.overlapping();
    for (MetricsStore<?> store : sources.stores()) {
      store.rememberDeletes(overlapping);
    }
  }

  /** Ends the handoff once every slice the target needs has synced and the fleet is ready. */
  private synchronized void settleIfReady() {
    if (closed || !handoff || !fleetReady || !allSynced(pending)) {
      return;
    }
    Shard to = target;
    strategy.settle(to);
    pending = List.of();
    pendingView = List.of();
    Moved moved = dropUnowned(to);
    LOG.info(
        "re-sharded from shard {} of {} to shard {} of {}: {} objects moved in, {} moved out,"
            + " settled in {} ms",
        settled.ordinal(),
        settled.total(),
        to.ordinal(),
        to.total(),
        moved.in(),
        moved.out(),
        (System.nanoTime() - handoffStartNanos) / 1_000_000);
    settled = to;
    handoff = false;
    events.settled(moved.in(), moved.out());
    InformerSlice replacement = strategy.compaction(to);
    if (replacement != null) {
      replacement.start().thenRun(() -> compacted(replacement));
    }
    rememberDeletesWhileOverlapping();
  }

  /** Removes what {@code to} does not own from every store; counts what moved in and out. */
  private Moved dropUnowned(Shard to) {
    long movedIn = 0;
    long movedOut = 0;
    for (MetricsStore<?> store : sources.stores()) {
      for (String uid : store.uids()) {
        if (!shardMap.owns(to, uid)) {
          store.remove(uid);
          movedOut++;
        } else if (!shardMap.owns(settled, uid)) {
          movedIn++;
        }
      }
    }
    return new Moved(movedIn, movedOut);
  }

  private synchronized void compacted(InformerSlice replacement) {
    if (!closed && strategy.compacted(replacement)) {
      rememberDeletesWhileOverlapping();
    }
  }

  static boolean allSynced(List<InformerSlice> slices) {
    for (InformerSlice s : slices) {
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

  /**
   * Starts feeding {@code stores} in every running slice and in every slice built from now on,
   * without waiting: {@link #listed} tells when they have listed. A resource already fed keeps its
   * counters; a new one gets counters with {@code objectLimit}.
   */
  public synchronized void add(List<MetricsStore<?>> stores, long objectLimit) {
    if (closed || stores.isEmpty()) {
      return;
    }
    sources = sources.with(stores, objectLimit);
    strategy.sources(sources);
    boolean overlapping = strategy.overlapping();
    for (MetricsStore<?> store : stores) {
      store.rememberDeletes(overlapping);
    }
    for (InformerSlice slice : strategy.slices()) {
      slice.add(sources, stores);
    }
  }

  /** Whether every running slice has listed each of {@code stores} once. */
  public synchronized boolean listed(Set<MetricsStore<?>> stores) {
    for (InformerSlice slice : strategy.slices()) {
      if (!slice.listed(stores)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Stops feeding {@code stores}: their informers in every running slice are closed, and no slice
   * built later feeds them; once this returns nothing writes into them any more.
   */
  public synchronized void retire(Set<MetricsStore<?>> stores) {
    if (stores.isEmpty()) {
      return;
    }
    sources = sources.without(stores);
    strategy.sources(sources);
    for (InformerSlice slice : strategy.slices()) {
      slice.retire(stores);
    }
  }

  /** The sources slices are built from now: the stores fed and their counters. */
  public synchronized InformerSources sources() {
    return sources;
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
    return shardMap;
  }

  /** Whether LIST and WATCH requests carry a shard selector. */
  public boolean selectsOnServer() {
    return strategy.selectsOnServer();
  }

  /** Whether a handoff is under way (objects of an earlier assignment may be served). */
  public boolean inHandoff() {
    return handoff;
  }

  /** Informer slices running, for telemetry: 1 when settled, unless slices await merging. */
  public synchronized int runningSlices() {
    return strategy.running();
  }

  /** Stops every informer; idempotent. */
  @Override
  public synchronized void close() {
    closed = true;
    progress.close();
    strategy.close();
  }
}
