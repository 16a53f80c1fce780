package dev.kubestate.benchmarks;

import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.Pod;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The work one replica does for a re-shard of a cluster of {@code pods} pods, per shard map and
 * resize ({@code 3to4}: a fourth shard is added; {@code 4to3}: the last is removed). One operation
 * is one whole re-shard step of one shard, timed once per iteration (single shot); the state it
 * changes is restored in the iteration's setup, outside the timing.
 *
 * <ul>
 *   <li>{@link #dropLost}: shard 0 settling the handoff as {@code HandoffCoordinator} does: scans
 *       every UID it holds and removes those it no longer owns. Setup re-puts the removed
 *       pods (a render each), so an iteration takes far longer than the time reported.
 *   <li>{@link #putGained}: the gaining shard (the new shard 3 when growing, shard 0 when
 *       shrinking) renders and puts only the pods it gains: the least any implementation must do.
 *   <li>{@link #relistOwned}: what the gaining shard's new informers do now: every pod of the LIST
 *       is checked for ownership and every owned one put, including those already held (which the
 *       store does not render again when it holds them at the listed resourceVersion). Every other
 *       remaining shard does the same with client-side selection.
 * </ul>
 *
 * <p>Trial setup prints every shard's held, lost and gained counts, and teardown prints the heap
 * bytes the benchmark thread allocated and the CPU time it used per operation (medians over the
 * trial's operations, warmup included), measured from the end of the iteration's setup to its
 * teardown: {@code -prof gc} would count the restoring renders too, and on a shared machine the
 * thread's CPU time varies less than the wall time JMH reports. Neither includes the collector's
 * threads.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class ReshardBenchmark {

  /** The cluster and who owns what before and after; built once per trial. */
  @State(Scope.Benchmark)
  public static class Fleet {

    @Param({"jump-back-hash", "consistent-ranges", "ksm"})
    public String map;

    @Param({"3to4", "4to3"})
    public String resize;

    @Param({"100000"})
    public int pods;

    ReshardFleet fleet;

    @Setup(Level.Trial)
    public void setUp() {
      fleet = ReshardFleet.generate(map, resize, pods);
      System.out.print(fleet.describe());
    }
  }

  /**
   * Shard 0's store as when the handoff settles: what it held before the resize plus what its new
   * informers gained; and the pods it loses.
   */
  @State(Scope.Benchmark)
  public static class DropSide extends AllocationMeter {
    MetricsStore<Pod> store;
    ShardMap map;
    Shard before;
    Shard after;
    List<Pod> lost;
    int held;

    @Setup(Level.Trial)
    public void fill(Fleet f) {
      map = f.fleet.map();
      before = f.fleet.before(0);
      after = f.fleet.after(0);
      lost = f.fleet.lost(0);
      store = PodStores.filled(f.fleet.heldBefore(0));
      PodStores.putAll(store, f.fleet.gained(0));
      held = store.size();
    }

    /** Puts back what the last operation removed. */
    @Setup(Level.Iteration)
    public void restore() {
      PodStores.putAll(store, lost);
      if (store.size() != held) {
        throw new IllegalStateException("restored " + store.size() + " pods, expected " + held);
      }
      start();
    }
  }

  /** The gaining shard's store filled as before the resize, its gains and the whole LIST. */
  @State(Scope.Benchmark)
  public static class GainSide extends AllocationMeter {
    MetricsStore<Pod> store;
    ShardMap map;
    Shard after;
    List<Pod> gained;
    List<Pod> listed;
    int held;

    @Setup(Level.Trial)
    public void fill(Fleet f) {
      int ordinal = f.fleet.gainingOrdinal();
      map = f.fleet.map();
      after = f.fleet.after(ordinal);
      gained = f.fleet.gained(ordinal);
      listed = f.fleet.pods();
      store = PodStores.filled(f.fleet.heldBefore(ordinal));
      held = store.size();
    }

    /** Removes what the last operation added. */
    @Setup(Level.Iteration)
    public void restore() {
      for (Pod p : gained) {
        store.remove(p.getMetadata().getUid());
      }
      if (store.size() != held) {
        throw new IllegalStateException("restored " + store.size() + " pods, expected " + held);
      }
      start();
    }
  }

  /**
   * Heap bytes the benchmark thread allocates and CPU time it uses between {@link #start} and the
   * iteration's end, printed as medians at the end of the trial. Confined to the benchmark thread.
   */
  public abstract static class AllocationMeter {
    private final com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private long[] bytes = new long[64];
    private long[] cpuNanos = new long[64];
    private int count;
    private long startBytes;
    private long startCpuNanos;

    void start() {
      startBytes = threads.getCurrentThreadAllocatedBytes();
      startCpuNanos = threads.getCurrentThreadCpuTime();
    }

    @TearDown(Level.Iteration)
    public void stop() {
      long cpu = threads.getCurrentThreadCpuTime() - startCpuNanos;
      long allocated = threads.getCurrentThreadAllocatedBytes() - startBytes;
      if (count == bytes.length) {
        bytes = Arrays.copyOf(bytes, count * 2);
        cpuNanos = Arrays.copyOf(cpuNanos, count * 2);
      }
      bytes[count] = allocated;
      cpuNanos[count] = cpu;
      count++;
    }

    @TearDown(Level.Trial)
    public void report() {
      System.out.printf(
          Locale.ROOT,
          "%nper operation, median of %d: allocated %,d B, thread CPU %.3f ms%n",
          count,
          median(bytes, count),
          median(cpuNanos, count) / 1e6);
    }

    private static long median(long[] values, int n) {
      long[] sorted = Arrays.copyOf(values, n);
      Arrays.sort(sorted);
      return n == 0 ? 0 : sorted[n / 2];
    }
  }

  /** Shard 0 removes what it no longer owns, counting moves as {@code settleIfReady} logs them. */
  @Benchmark
  public long dropLost(DropSide s) {
    long movedOut = 0;
    long movedIn = 0;
    for (String uid : s.store.uids()) {
      if (!s.map.owns(s.after, uid)) {
        s.store.remove(uid);
        movedOut++;
      } else if (!s.map.owns(s.before, uid)) {
        movedIn++;
      }
    }
    return movedOut + movedIn;
  }

  /** The gaining shard renders and puts the pods it gains, and nothing else. */
  @Benchmark
  public long putGained(GainSide s) {
    long put = 0;
    for (Pod p : s.gained) {
      if (s.store.put(p.getMetadata().getUid(), p.getMetadata().getResourceVersion(), p)) {
        put++;
      }
    }
    return put;
  }

  /** The gaining shard's new informers: filter the whole LIST, put every owned pod. */
  @Benchmark
  public long relistOwned(GainSide s) {
    long put = 0;
    for (Pod p : s.listed) {
      String uid = p.getMetadata().getUid();
      if (s.map.owns(s.after, uid) && s.store.put(uid, p.getMetadata().getResourceVersion(), p)) {
        put++;
      }
    }
    return put;
  }
}
