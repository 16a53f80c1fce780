package dev.kubestate.benchmarks;

import dev.kubestate.exporter.exposition.ExpositionBuffer;
import dev.kubestate.exporter.exposition.Format;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.exporter.store.Scrape;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
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

/**
 * A full scrape of a store of many pods, written in 256 KiB chunks to a sink that discards them
 * (what the HTTP handler does minus the socket). Setup prints the body size, so MB/s = body size
 * / time per scrape. Run with {@code -prof gc} for allocation per scrape.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ScrapeBenchmark {

  private static final int CHUNK_BYTES = 256 * 1024;

  @Param({"10000"})
  public int pods;

  private List<MetricsStore<?>> stores;
  private final ExpositionBuffer chunk = new ExpositionBuffer(CHUNK_BYTES + 64 * 1024);

  @Setup
  public void setUp() {
    MetricsStore<Pod> store = PodStores.filled(pods);
    stores = List.of(store);
    System.out.println("bytes per scrape: " + fullScrape());
  }

  @Benchmark
  public long fullScrape() {
    Scrape scrape = new Scrape(stores, Format.TEXT);
    long total = 0;
    boolean done;
    do {
      chunk.reset();
      done = scrape.fill(chunk, CHUNK_BYTES);
      total += chunk.size();
    } while (!done);
    return total;
  }
}
