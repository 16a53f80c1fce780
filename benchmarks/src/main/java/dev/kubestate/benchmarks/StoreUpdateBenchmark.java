package dev.kubestate.benchmarks;

import dev.kubestate.exporter.store.MetricsStore;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Applying one pod update (render and atomic replace) to a store that holds many pods. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreUpdateBenchmark {

  @Param({"10000"})
  public int pods;

  private MetricsStore<Pod> store;
  private Pod[] updates;
  private int next;

  @Setup
  public void setUp() {
    store = PodStores.filled(pods);
    updates = new Pod[1024];
    for (int i = 0; i < updates.length; i++) {
      Pod p = TypicalPods.pod(i * 7 % pods);
      p.getStatus().getContainerStatuses().get(0).setRestartCount(10 + i);
      p.getMetadata().setResourceVersion(Integer.toString(900_000 + i));
      updates[i] = p;
    }
  }

  @Benchmark
  public boolean updateOnePod() {
    Pod p = updates[next++ & (updates.length - 1)];
    return store.put(p.getMetadata().getUid(), p);
  }
}
