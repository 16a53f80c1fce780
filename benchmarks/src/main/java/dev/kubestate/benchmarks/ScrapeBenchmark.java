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

  static final int CHUNK_BYTES = 256 * 1024;

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
    return scrapeAll(stores, chunk);
  }

  /**
   * One whole text scrape of {@code stores}, chunk by chunk into {@code chunk} (of at least
   * {@link #CHUNK_BYTES} plus a line), as the listener fills its writes; the bytes it produced.
   */
  static long scrapeAll(List<MetricsStore<?>> stores, ExpositionBuffer chunk) {
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
