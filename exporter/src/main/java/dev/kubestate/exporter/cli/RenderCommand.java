package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.exposition.ExpositionBuffer;
import dev.kubestate.exporter.exposition.Format;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.exporter.resources.Kinds;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.exporter.store.Scrape;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code render FILE...}: prints the text exposition (0.0.4) the given objects produce, through
 * the same generators, store and writer as {@code /metrics}. Exit 1 when a document could not be
 * read (after rendering all others).
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Print the metrics that Kubernetes objects in YAML/JSON files would produce.",
      "Files may hold one document, several (---) or a kind: List; '-' reads stdin."
    })
final class RenderCommand implements Callable<Integer> {

  @Mixin MetricsOptions metrics;

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "YAML or JSON files; - for stdin.")
  List<String> files;

  /** Where the exposition bytes go. */
  private final OutputStream stdout;

  /** @param stdout where the exposition bytes go */
  RenderCommand(OutputStream stdout) {
    this.stdout = stdout;
  }

  @Override
  public Integer call() throws IOException {
    ExportedMetrics exported;
    Shard shard;
    try {
      exported = metrics.validate();
      shard = metrics.staticShard();
    } catch (IllegalArgumentException e) {
      throw Main.usage(spec.commandLine(), e);
    }
    PrintWriter err = spec.commandLine().getErr();
    List<MetricsStore<?>> stores = exported.newStores(failures(err));
    Documents documents = new Documents(stores, shard, err);
    boolean failed = false;
    for (String file : files) {
      failed |= !documents.render(file);
    }
    write(stores, stdout);
    err.flush();
    return failed ? 1 : 0;
  }

  /** Reports a failing generator on {@code err}, naming the object and the family. */
  private static RenderFailures failures(PrintWriter err) {
    return (resource, family, object, error) ->
        err.println(
            "render: "
                + object
                + (family == null ? "" : ", family " + family)
                + ": "
                + error.getMessage());
  }

  /**
   * Puts the objects of the documents in each file into the store of their kind, unless another
   * shard owns them; reports on {@code err} what cannot be read or is not exported. Objects
   * without a UID are keyed by their position over all files. Not thread-safe.
   */
  private static final class Documents {

    private final Map<Class<?>, MetricsStore<?>> byType = new HashMap<>();
    private final Shard shard;
    private final PrintWriter err;
    private final ManifestReader reader = new ManifestReader();
    private int counter;

    Documents(List<MetricsStore<?>> stores, Shard shard, PrintWriter err) {
      for (MetricsStore<?> s : stores) {
        byType.put(s.renderer().kind().type(), s);
      }
      this.shard = shard;
      this.err = err;
    }

    /** Reads {@code file} ({@code -}: standard input); false when it or a document failed. */
    boolean render(String file) {
      String text;
      try {
        text =
            file.equals("-")
                ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
                : Files.readString(Path.of(file), StandardCharsets.UTF_8);
      } catch (IOException | RuntimeException e) {
        err.println("render: " + file + ": cannot read: " + e.getMessage());
        return false;
      }
      List<ManifestReader.Problem> problems = reader.read(text, o -> keep(file, o));
      for (ManifestReader.Problem p : problems) {
        err.println("render: " + file + ", document " + p.document() + ": " + p.reason());
      }
      return problems.isEmpty();
    }

    private void keep(String file, HasMetadata o) {
      counter++;
      MetricsStore<?> store = byType.get(o.getClass());
      if (store == null) {
        if (Kinds.all().values().stream().noneMatch(k -> k.type() == o.getClass())) {
          err.println(
              "render: " + file + ": kind " + o.getKind() + " is not exported, skipped");
        }
        return;
      }
      String uid = o.getMetadata() == null ? null : o.getMetadata().getUid();
      if (uid != null && !ShardMap.jumpBackHash().owns(shard, uid)) {
        return;
      }
      put(store, uid == null || uid.isEmpty() ? "object-" + counter : uid, o);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> void put(MetricsStore<T> store, String key, HasMetadata object) {
    store.put(key, (T) object);
  }

  static void write(List<MetricsStore<?>> stores, OutputStream out) throws IOException {
    Scrape scrape = new Scrape(stores, Format.TEXT);
    ExpositionBuffer chunk = new ExpositionBuffer(1 << 16);
    boolean done;
    do {
      chunk.reset();
      done = scrape.fill(chunk, 1 << 16);
      out.write(chunk.array(), 0, chunk.size());
    } while (!done);
    out.flush();
    if (out instanceof PrintStream ps && ps.checkError()) {
      throw new IOException("stdout closed");
    }
  }

}
