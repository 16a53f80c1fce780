package dev.kubestate.benchmarks;

import com.sun.management.ThreadMXBean;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.WatchEvent;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The informer path of pod updates, measured per event on one thread: a stream of watch events as
 * the API server sends them ({@code {"type":"MODIFIED","object":{...}}}, one JSON text each) is
 * decoded with fabric8's {@code KubernetesSerialization} as its watch manager decodes a message
 * ({@code unmarshal(text, WatchEvent.class)}), filtered by the default shard map (shard 0 of 2,
 * every pod of the stream owned, so every event pays the ownership check and goes on), rendered and
 * put into a pod store with its resourceVersion (the store's atomic replace). What the informer
 * adds around this (its serial executor, the stub item store) is not included.
 *
 * <p>Each pass starts from a store holding the pods' ADDED versions (filled outside the
 * measurement) and applies {@code updates} MODIFIED events, each a later resourceVersion of one pod
 * with a changed restart count and ready condition, round-robin over the pods. It reports, per
 * event, the thread's CPU time (what "per core" means: robust on a loaded machine, where wall time
 * is not) and wall time, and the bytes the thread allocated; the first passes are warmup. Three
 * stages are measured in separate passes over the same events: decode only; decode and shard
 * check; and the whole path. A fourth pass renders and puts the already decoded pods: the update
 * cost {@code StoreUpdateBenchmark} measures, here in CPU time.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.kubestate.benchmarks.WatchStream [pods] [updates] [passes]
 * </pre>
 */
public final class WatchStream {

  private static final ThreadMXBean THREADS =
      (ThreadMXBean) ManagementFactory.getThreadMXBean();

  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final ShardMap map = ShardMap.jumpBackHash();
  private final Shard shard = new Shard(0, 2);
  private final KindRenderer<Pod> renderer = PodStores.renderer();
  private final List<Pod> added = new ArrayList<>();
  private final String[] events;
  private final Pod[] decoded;

  private WatchStream(int pods, int updates) {
    for (int i = 0; added.size() < pods; i++) {
      Pod p = TypicalPods.pod(i);
      if (map.owns(shard, p.getMetadata().getUid())) {
        added.add(p);
      }
    }
    events = new String[updates];
    decoded = new Pod[updates];
    for (int e = 0; e < updates; e++) {
      Pod p = serialization.clone(added.get(e % pods));
      int version = 2_000_000 + e;
      p.getMetadata().setResourceVersion(Integer.toString(version));
      ContainerStatus app = p.getStatus().getContainerStatuses().get(0);
      app.setRestartCount(e / pods + 1);
      app.setReady(e % 2 == 0);
      p.getStatus().getConditions().get(3).setStatus(e % 2 == 0 ? "True" : "False");
      events[e] = serialization.asJson(new WatchEvent(p, "MODIFIED"));
      decoded[e] = p;
    }
  }

  public static void main(String[] args) {
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
    int updates = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    int passes = args.length > 2 ? Integer.parseInt(args[2]) : 8;
    if (pods < 1 || updates < pods || passes < 2) {
      System.err.println("usage: WatchStream [pods >= 1] [updates >= pods] [passes >= 2]");
      System.exit(2);
    }
    WatchStream stream = new WatchStream(pods, updates);
    long jsonBytes = 0;
    for (String e : stream.events) {
      jsonBytes += e.length();
    }
    System.out.printf(
        Locale.ROOT,
        "%d pods, %d MODIFIED events, %.0f bytes of JSON per event; %d passes, the first %d"
            + " warmup; medians of the rest%n",
        pods,
        updates,
        (double) jsonBytes / updates,
        passes,
        passes / 2);
    System.out.println("| stage | CPU per event | events per CPU second | wall per event | allocated per event |");
    System.out.println("|---|---|---|---|---|");
    for (Stage stage : Stage.values()) {
      System.out.println(stream.measure(stage, passes));
    }
  }

  private enum Stage {
    DECODE("decode"),
    DECODE_FILTER("decode + shard check"),
    FULL("decode + shard check + render + replace"),
    RENDER_REPLACE("render + replace (decoded pods)");

    final String title;

    Stage(String title) {
      this.title = title;
    }
  }

  private String measure(Stage stage, int passes) {
    int warm = passes / 2;
    long[] cpu = new long[passes - warm];
    long[] wall = new long[passes - warm];
    long[] alloc = new long[passes - warm];
    long sink = 0;
    for (int pass = 0; pass < passes; pass++) {
      MetricsStore<Pod> store = new MetricsStore<>(renderer);
      if (stage == Stage.FULL || stage == Stage.RENDER_REPLACE) {
        PodStores.putAll(store, added);
      }
      long id = Thread.currentThread().getId();
      long a0 = THREADS.getThreadAllocatedBytes(id);
      long c0 = THREADS.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      sink += run(stage, store);
      long w1 = System.nanoTime();
      long c1 = THREADS.getCurrentThreadCpuTime();
      long a1 = THREADS.getThreadAllocatedBytes(id);
      if (stage == Stage.FULL || stage == Stage.RENDER_REPLACE) {
        check(store);
      }
      if (pass >= warm) {
        cpu[pass - warm] = c1 - c0;
        wall[pass - warm] = w1 - w0;
        alloc[pass - warm] = a1 - a0;
      }
    }
    if (sink == 42) {
      System.out.println();
    }
    double n = events.length;
    double cpuPerEvent = median(cpu) / n;
    return String.format(
        Locale.ROOT,
        "| %s | %.2f us | %,.0f | %.2f us | %,.0f B |",
        stage.title,
        cpuPerEvent / 1000,
        1e9 / cpuPerEvent,
        median(wall) / n / 1000,
        median(alloc) / n);
  }

  private long run(Stage stage, MetricsStore<Pod> store) {
    long kept = 0;
    for (int e = 0; e < events.length; e++) {
      Pod pod;
      if (stage == Stage.RENDER_REPLACE) {
        pod = decoded[e];
      } else {
        WatchEvent event = serialization.unmarshal(events[e], WatchEvent.class);
        if (!"MODIFIED".equals(event.getType()) || !(event.getObject() instanceof Pod p)) {
          throw new IllegalStateException("event " + e + " is not a modified pod");
        }
        pod = p;
      }
      String uid = pod.getMetadata().getUid();
      if (stage == Stage.DECODE) {
        kept += uid.length();
        continue;
      }
      if (stage != Stage.RENDER_REPLACE && !map.owns(shard, uid)) {
        continue;
      }
      if (stage == Stage.DECODE_FILTER) {
        kept++;
        continue;
      }
      if (store.put(uid, pod.getMetadata().getResourceVersion(), pod)) {
        kept++;
      }
    }
    if (stage != Stage.DECODE && kept != events.length) {
      throw new IllegalStateException(stage + ": kept " + kept + " of " + events.length);
    }
    return kept;
  }

  /** Every pod ended at its last version: each event was applied, none skipped as stale. */
  private void check(MetricsStore<Pod> store) {
    if (store.size() != added.size()) {
      throw new IllegalStateException("store holds " + store.size() + " of " + added.size());
    }
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2.0;
  }
}
