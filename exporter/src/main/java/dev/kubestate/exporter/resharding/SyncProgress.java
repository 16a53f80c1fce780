package dev.kubestate.exporter.resharding;

import dev.kubestate.exporter.informers.InformerSlice;
import dev.kubestate.exporter.informers.KindInformers;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Progress lines while slices list: every {@link #PROGRESS_SECONDS} seconds, one line per kind
 * still listing, until every awaited slice has synced. Runs on a daemon thread of its own.
 * Thread-safe.
 */
final class SyncProgress implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyncProgress.class);

  /** Interval of progress lines, in seconds. */
  static final long PROGRESS_SECONDS = 10;

  private final Supplier<List<InformerSlice>> awaited;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "informer-sync-progress");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param awaited the slices being waited for at each moment; empty once none is
   */
  SyncProgress(Supplier<List<InformerSlice>> awaited) {
    this.awaited = awaited;
  }

  /** Starts logging; the first line comes after {@link #PROGRESS_SECONDS}. */
  void start() {
    executor.scheduleAtFixedRate(this::log, PROGRESS_SECONDS, PROGRESS_SECONDS, TimeUnit.SECONDS);
  }

  /** Stops logging after any line being written. */
  void stop() {
    executor.shutdown();
  }

  /** Stops logging at once; idempotent. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  private void log() {
    List<InformerSlice> waiting = awaited.get();
    if (HandoffCoordinator.allSynced(waiting)) {
      stop();
      return;
    }
    for (InformerSlice slice : waiting) {
      for (KindInformers<?> k : slice.kinds()) {
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
}
