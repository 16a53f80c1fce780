package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.exposition.Format;
import dev.kubestate.exporter.metrics.Allowlists;
import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderedObject;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.testing.StrictExposition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Generators never throw: seeded odd objects of every kind ({@link OddObjects}), rendered with
 * every family (opt-in ones too) and {@code *} label and annotation allowlists, give no generator
 * failure and sample lines the strict exposition reader accepts.
 *
 * <p>{@code -Doddobjects.count=N} sets how many objects (default {@value #DEFAULT_COUNT}, spread
 * evenly over the kinds; README, Reliability, has the full million's figure), {@code
 * -Doddobjects.seed=S} the seed (default {@value #DEFAULT_SEED}). Objects come in blocks of
 * {@value #BLOCK} with a seed derived from the block number, so a failure names the block that
 * reproduces it whatever the thread count.
 */
class OddObjectsTest {

  static final int DEFAULT_COUNT = 100_000;
  static final long DEFAULT_SEED = 20261203L;
  static final int BLOCK = 1_000;
  private static final int REPORTED = 30;

  private static final List<ResourceKind<?>> KINDS = List.copyOf(Kinds.all().values());

  /** Every family of every kind, {@code *} allowlists: the widest output there is. */
  static List<KindRenderer<?>> renderers(Map<String, String> failures) {
    Allowlists all = Allowlists.parse("labels", "*=[*]", Kinds.all().keySet());
    FamilyFilter everything = FamilyFilter.of(List.of(), List.of(), List.of(".*"));
    List<KindRenderer<?>> out = new ArrayList<>();
    for (ResourceKind<?> kind : KINDS) {
      ResourceOptions options =
          new ResourceOptions(all.forResource(kind.resource()), all.forResource(kind.resource()));
      out.add(renderer(kind, options, everything, failures));
    }
    return out;
  }

  private static <T> KindRenderer<T> renderer(
      ResourceKind<T> kind,
      ResourceOptions options,
      FamilyFilter filter,
      Map<String, String> failures) {
    return new KindRenderer<>(
        kind,
        options,
        filter,
        (resource, family, object, error) ->
            failures.putIfAbsent(
                resource + "/" + family + ": " + describe(error), example(error, object)),
        o -> o instanceof HasMetadata h ? ObjectNames.describe(h) : kind.resource());
  }

  /** The class of a failure: exception type and where it was thrown. */
  static String describe(Throwable error) {
    StackTraceElement[] at = error.getStackTrace();
    return error.getClass().getSimpleName() + (at.length > 0 ? " at " + at[0] : "");
  }

  /** One example of a failure, short and on one line. */
  static String example(Throwable error, String object) {
    String msg = String.valueOf(error.getMessage());
    msg = msg.length() > 120 ? msg.substring(0, 120) + "..." : msg;
    return (msg + "; " + object).replace("\n", "\\n");
  }

  @Test
  void everyFamilyOfEveryKindSurvivesOddObjects() {
    int count = Integer.getInteger("oddobjects.count", DEFAULT_COUNT);
    long seed = Long.getLong("oddobjects.seed", DEFAULT_SEED);
    Map<String, String> failures = new ConcurrentHashMap<>();
    List<KindRenderer<?>> renderers = renderers(failures);
    AtomicLong rendered = new AtomicLong();
    AtomicLong samples = new AtomicLong();
    long start = System.nanoTime();
    int blocks = (count + BLOCK - 1) / BLOCK;
    IntStream.range(0, blocks)
        .parallel()
        .forEach(
            b -> {
              OddObjects objects = new OddObjects(seed * 31 + b);
              int n = Math.min(BLOCK, count - b * BLOCK);
              for (int i = 0; i < n; i++) {
                KindRenderer<?> r = renderers.get((b * BLOCK + i) % renderers.size());
                samples.addAndGet(renderAndCheck(r, objects, b, failures));
                rendered.incrementAndGet();
              }
            });
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        "odd objects: %d rendered (%d kinds, seed %d) in %d ms, %d sample lines, %d failures%n",
        rendered.get(), renderers.size(), seed, millis, samples.get(), failures.size());
    assertEquals(count, rendered.get());
    List<String> report = new ArrayList<>();
    failures.forEach((what, object) -> report.add(what + " (" + object + ")\n"));
    report.sort(null);
    report.stream().limit(200).forEach(System.out::print);
    assertEquals(
        List.of(), report.subList(0, Math.min(REPORTED, report.size())),
        () -> report.size() + " distinct failures with seed " + seed);
  }

  /** Renders one object and checks its lines; returns the number of sample lines. */
  private static <T> long renderAndCheck(
      KindRenderer<T> r, OddObjects objects, int block, Map<String, String> failures) {
    T object = objects.create(r.kind().type());
    RenderedObject out;
    try {
      out = r.render(object);
    } catch (RuntimeException e) {
      failures.putIfAbsent(
          r.kind().resource() + " render: " + describe(e), example(e, "block " + block));
      return 0;
    }
    if (out == null) {
      return 0;
    }
    long lines = 0;
    byte[] bytes = out.bytes();
    for (int f = 0; f < r.familyCount(); f++) {
      String family = r.families().get(f).name();
      try {
        StrictExposition.check(bytes, out.start(f), out.end(f), family);
      } catch (StrictExposition.Violation v) {
        failures.putIfAbsent(
            r.kind().resource() + "/" + family + " exposition", example(v, "block " + block));
      }
      for (int i = out.start(f); i < out.end(f); i++) {
        if (bytes[i] == '\n') {
          lines++;
        }
      }
    }
    return lines;
  }

  @Test
  void headersOfEveryFamilyAreStrictExposition() {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (KindRenderer<?> r : renderers(new ConcurrentHashMap<>())) {
      for (int f = 0; f < r.familyCount(); f++) {
        body.writeBytes(r.header(f).bytes(Format.TEXT));
      }
    }
    byte[] bytes = body.toByteArray();
    StrictExposition.check(bytes);
    assertTrue(bytes.length > 0);
  }
}
