package dev.kubestate.benchmarks;

import dev.kubestate.exporter.exposition.ExpositionBuffer;
import dev.kubestate.exporter.exposition.Format;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.exporter.store.Scrape;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
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
 * One series set, three ways to expose it: our store's scrape, Prometheus client_java 1.x and
 * Micrometer's Prometheus registry. The set is what a store of {@code pods} typical pods holds
 * (every pod family, labels allowlist {@code *}); setup renders it once, parses our own text and
 * registers every series with the two libraries as an application would: one labelled gauge per
 * family ({@code Gauge.builder().name().help().labelNames()}, a data point per series set with
 * {@code labelValues(...).set(v)}) for client_java, written with {@code PrometheusTextFormatWriter}
 * over {@code PrometheusRegistry.scrape()} snapshots; one Micrometer {@code Gauge} per series
 * (name, tags, description), exposed by {@code PrometheusMeterRegistry.scrape()} (the String an
 * application's handler returns). Where a family's series have different label names, every
 * series gets the union, missing ones empty (a library needs one label set per family; an empty
 * label is an absent one to Prometheus). Every family is a gauge to both libraries, since they
 * reserve {@code _total} for their own counters; Micrometer gets some names changed (see {@link
 * #micrometerName}).
 *
 * <p>Ours writes the store in 256 KiB chunks to a discarding sink, as {@link ScrapeBenchmark};
 * client_java writes to a discarding stream. Setup prints each body's size and series count. Run
 * with {@code -prof gc} for allocation per scrape.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-Xms6g"})
public class PeerScrapeBenchmark {


  @Param({"10000"})
  public int pods;

  private List<MetricsStore<?>> stores;
  private final ExpositionBuffer chunk =
      new ExpositionBuffer(ScrapeBenchmark.CHUNK_BYTES + 64 * 1024);
  private PrometheusRegistry clientJava;
  private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
  private PrometheusMeterRegistry micrometer;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    MetricsStore<?> store = PodStores.filled(pods);
    stores = List.of(store);
    ExpositionBuffer text = new ExpositionBuffer(64 * 1024 * 1024);
    Scrape scrape = new Scrape(stores, Format.TEXT);
    while (!scrape.fill(text, Integer.MAX_VALUE)) {
      // fill until done
    }
    List<ParsedFamily> families = ParsedFamily.parse(text.toString());
    clientJava = new PrometheusRegistry();
    micrometer = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    long series = 0;
    for (ParsedFamily f : families) {
      register(f);
      series += f.series().size();
    }
    if (micrometer.getMeters().size() != series) {
      throw new IllegalStateException(
          "Micrometer registered " + micrometer.getMeters().size() + " of " + series + " series");
    }
    CountingStream counted = new CountingStream();
    writer.write(counted, clientJava.scrape());
    System.out.printf(
        Locale.ROOT,
        "%n%d families, %d series; bytes per scrape: ours %d, client_java %d, micrometer %d%n",
        families.size(),
        series,
        ours(),
        counted.bytes,
        micrometer.scrape().length());
  }

  private void register(ParsedFamily f) {
    String[] names = f.labelNames().toArray(new String[0]);
    Gauge gauge =
        Gauge.builder()
            .name(f.name())
            .help(f.help())
            .labelNames(names)
            .withoutExemplars()
            .register(clientJava);
    for (ParsedFamily.Series s : f.series()) {
      gauge.labelValues(s.labelValues()).set(s.value());
      io.micrometer.core.instrument.Gauge.Builder<?> b =
          io.micrometer.core.instrument.Gauge.builder(micrometerName(f.name()), s::value)
              .description(f.help());
      for (int i = 0; i < names.length; i++) {
        b.tag(names[i], s.labelValues()[i]);
      }
      b.register(micrometer);
    }
  }

  /**
   * The family's name for Micrometer: its Prometheus registry drops a trailing {@code _info},
   * {@code _created}, {@code _total} or {@code _bucket} from a gauge's name, so {@code
   * kube_pod_info} and {@code kube_pod_created} would both become {@code kube_pod} and the second
   * would be refused; such names get {@code _value} appended (as an application would rename
   * them), which keeps every series.
   */
  private static String micrometerName(String name) {
    for (String suffix : new String[] {"_info", "_created", "_total", "_bucket"}) {
      if (name.endsWith(suffix)) {
        return name + "_value";
      }
    }
    return name;
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    micrometer.close();
  }

  @Benchmark
  public long ours() {
    return ScrapeBenchmark.scrapeAll(stores, chunk);
  }

  @Benchmark
  public long clientJava() throws IOException {
    CountingStream out = new CountingStream();
    writer.write(out, clientJava.scrape());
    return out.bytes;
  }

  @Benchmark
  public int micrometer() {
    return micrometer.scrape().length();
  }

  /** Discards what is written, counting bytes. */
  private static final class CountingStream extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
