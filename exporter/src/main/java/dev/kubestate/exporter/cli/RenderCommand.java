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
 * the same generators, store and writer as {@code /metrics}. What cannot be read or rendered (a
 * file, a document, a list item, an object whose generator fails) is reported on standard error,
 * one line each, and skipped; everything else is rendered, and the exit code is then {@link
 * #EXIT_SKIPPED}.
 */
@Command(
    name = "render",
    mixinStandardHelpOptions = true,
    description = {
      "Print the metrics that Kubernetes objects in YAML/JSON files would produce.",
      "Files may hold one document, several (---) or a kind: List; '-' reads stdin.",
      "What cannot be read or rendered is reported on stderr (file, document, list item, kind,"
          + " namespace, name, field and problem; never a value) and skipped; the rest is"
          + " rendered."
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
      "0:every object was rendered",
      "1:something was skipped (reported on stderr), the rest rendered",
      "2:usage error (bad flag), nothing read"
    })
final class RenderCommand implements Callable<Integer> {

  /** The exit code when a file, document, list item or object was skipped. */
  static final int EXIT_SKIPPED = 1;

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
    Failures failures = new Failures();
    List<MetricsStore<?>> stores = exported.newStores(failures);
    Documents documents = new Documents(stores, shard, err, failures);
    boolean complete = true;
    for (String file : files) {
      complete &= documents.render(file);
    }
    write(stores, stdout);
    err.flush();
    return complete ? 0 : EXIT_SKIPPED;
  }

  /**
   * The first generator failure of the object being put, if any (render is single-threaded: one
   * object at a time). Keeps the family and the exception's class only: a message may quote a
   * value.
   */
  private static final class Failures implements RenderFailures {
    private String failure;

    @Override
    public void failed(String resource, String family, String object, RuntimeException error) {
      if (failure == null) {
        failure =
            (family == null ? "identity labels" : "family " + family)
                + " failed ("
                + error.getClass().getSimpleName()
                + ")";
      }
    }

    /** The failure since the last call, or null; forgets it. */
    String take() {
      String f = failure;
      failure = null;
      return f;
    }
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
    private final Failures failures;
    private final ManifestReader reader = new ManifestReader();
    private int counter;
    private boolean skipped;

    Documents(List<MetricsStore<?>> stores, Shard shard, PrintWriter err, Failures failures) {
      for (MetricsStore<?> s : stores) {
        byType.put(s.renderer().kind().type(), s);
      }
      this.shard = shard;
      this.err = err;
      this.failures = failures;
    }

    /**
     * Reads {@code file} ({@code -}: standard input); false when it, or anything in it, was
     * skipped.
     */
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
      skipped = false;
      List<ManifestReader.Problem> problems = reader.read(text, (o, at) -> keep(file, at, o));
      for (ManifestReader.Problem p : problems) {
        report(file, p.at(), p.object(), p.reason());
      }
      return problems.isEmpty() && !skipped;
    }

    private void keep(String file, ManifestReader.Position at, HasMetadata o) {
      counter++;
      MetricsStore<?> store = byType.get(o.getClass());
      if (store == null) {
        if (Kinds.all().values().stream().noneMatch(k -> k.type() == o.getClass())) {
          err.println(
              "render: " + file + ", " + at + ": kind "
                  + DecodeFailures.oneLine(String.valueOf(o.getKind())) + " is not exported,"
                  + " skipped");
        }
        return;
      }
      String uid = o.getMetadata() == null ? null : o.getMetadata().getUid();
      if (uid != null && !ShardMap.jumpBackHash().owns(shard, uid)) {
        return;
      }
      String key = uid == null || uid.isEmpty() ? "object-" + counter : uid;
      failures.take();
      put(store, key, o);
      String failure = failures.take();
      if (failure != null) {
        store.remove(key);
        skipped = true;
        report(file, at, describe(o), failure);
      }
    }

    private void report(String file, ManifestReader.Position at, String object, String why) {
      err.println(
          "render: " + file + ", " + at + (object.isEmpty() ? "" : ", " + object) + ": " + why
              + "; skipped");
    }

    private static String describe(HasMetadata o) {
      String kind = o.getKind() == null ? "" : o.getKind();
      String namespace = o.getMetadata() == null ? null : o.getMetadata().getNamespace();
      String name = o.getMetadata() == null ? null : o.getMetadata().getName();
      String id = namespace == null || namespace.isEmpty()
          ? (name == null ? "" : name) : namespace + "/" + (name == null ? "" : name);
      return DecodeFailures.oneLine((kind + " " + id).trim());
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
