package dev.kubestate.benchmarks;

import dev.kubestate.exporter.store.MetricsStore;
import io.fabric8.kubernetes.api.model.Pod;
import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * Retained heap of one pod store alone: what a store costs per object beyond the rendered bytes
 * it holds (map entries, keys, versions, per-object wrappers). Fills a store with typical pods,
 * each put with its UID and resourceVersion as the informers do, and measures the heap in use
 * (after collections) before and after, with only the store reachable.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.kubestate.benchmarks.StoreHeap 100000
 * </pre>
 */
public final class StoreHeap {

  private StoreHeap() {}

  public static void main(String[] args) throws InterruptedException {
    int pods = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    for (int round = 0; round < rounds; round++) {
      System.out.println("round " + round + ": " + measure(pods));
    }
  }

  /** One store filled and measured; nothing of it is reachable once this returns. */
  private static String measure(int pods) throws InterruptedException {
    long before = settledHeap();
    MetricsStore<Pod> store = new MetricsStore<>(PodStores.renderer());
    for (int i = 0; i < pods; i++) {
      Pod p = TypicalPods.pod(i);
      store.put(p.getMetadata().getUid(), Integer.toString(1_000_000 + i), p);
    }
    long after = settledHeap();
    long rendered = store.renderedBytes();
    long overhead = after - before - rendered;
    return String.format(
        Locale.ROOT,
        "%d pods, store %.2f MiB, rendered bytes %.2f MiB, overhead %.2f MiB"
            + " = %.1f bytes per object",
        store.size(),
        mib(after - before),
        mib(rendered),
        mib(overhead),
        (double) overhead / pods);
  }

  private static long settledHeap() throws InterruptedException {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static double mib(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
