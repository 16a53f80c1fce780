package dev.kubestate.exporter.metrics;

import dev.kubestate.exporter.exposition.ExpositionBuffer;
import dev.kubestate.exporter.exposition.FamilyHeader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A kind's families after filtering, ready to render objects to bytes. Thread-safe: each thread
 * renders into its own buffer. A generator that throws loses only its family for that object.
 *
 * @param <T> the object class
 */
public final class KindRenderer<T> {

  private final ResourceKind<T> kind;
  private final List<Family<T>> families;
  private final List<FamilyHeader> headers;
  private final byte[][] names;
  private final Generator<T>[] generators;
  private final RenderFailures failures;
  private final Function<T, String> describe;
  private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

  /**
   * @param kind the kind
   * @param options allowlists the generators use
   * @param filter which families to keep
   * @param failures told about throwing generators
   * @param describe names an object in failure reports ({@code Pod default/web-0})
   */
  public KindRenderer(
      ResourceKind<T> kind,
      ResourceOptions options,
      FamilyFilter filter,
      RenderFailures failures,
      Function<T, String> describe) {
    this.kind = Objects.requireNonNull(kind, "kind");
    this.failures = Objects.requireNonNull(failures, "failures");
    this.describe = Objects.requireNonNull(describe, "describe");
    List<Family<T>> kept = new ArrayList<>();
    for (Family<T> f : kind.families(options)) {
      if (filter.accepts(f)) {
        kept.add(f);
      }
    }
    this.families = List.copyOf(kept);
    this.headers = kept.stream().map(Family::header).toList();
    this.names = new byte[kept.size()][];
    @SuppressWarnings("unchecked")
    Generator<T>[] bound = (Generator<T>[]) new Generator<?>[kept.size()];
    for (int i = 0; i < kept.size(); i++) {
      names[i] = kept.get(i).name().getBytes(StandardCharsets.US_ASCII);
      bound[i] = kept.get(i).generator();
    }
    this.generators = bound;
  }

  public ResourceKind<T> kind() {
    return kind;
  }

  /** The generated families, in output order. */
  public List<Family<T>> families() {
    return families;
  }

  /** Header of family {@code f}, in the order of {@link #families()}. */
  public FamilyHeader header(int f) {
    return headers.get(f);
  }

  public int familyCount() {
    return families.size();
  }

  /**
   * Renders every family of {@code object}, of unknown resourceVersion. As {@link #render(Object,
   * long)}.
   */
  public RenderedObject render(T object) {
    return render(object, RenderedObject.NO_VERSION);
  }

  /**
   * Renders every family of {@code object}. Returns null (and reports it) only when the
   * identity labels cannot be computed; allocates the returned object and its two arrays.
   *
   * @param resourceVersion the object's resourceVersion as a number, or {@link
   *     RenderedObject#NO_VERSION}; kept in the returned object
   */
  public RenderedObject render(T object, long resourceVersion) {
    Scratch s = scratch.get();
    s.identity.reset();
    try {
      kind.identity(object, s.identity);
    } catch (RuntimeException e) {
      failures.failed(kind.resource(), null, safeDescribe(object), e);
      return null;
    }
    s.samples.identity(s.identity.toByteArray());
    ExpositionBuffer buf = s.buffer;
    buf.reset();
    int[] ends = new int[families.size()];
    for (int f = 0; f < ends.length; f++) {
      int start = buf.size();
      s.samples.family(names[f]);
      try {
        generators[f].generate(object, s.samples);
        if (s.samples.isOpen()) {
          throw new IllegalStateException("generator left a sample without value");
        }
      } catch (RuntimeException e) {
        s.samples.abandon();
        buf.truncate(start);
        failures.failed(kind.resource(), families.get(f).name(), safeDescribe(object), e);
      }
      ends[f] = buf.size();
    }
    return new RenderedObject(buf.toByteArray(), ends, resourceVersion);
  }

  private String safeDescribe(T object) {
    try {
      return describe.apply(object);
    } catch (RuntimeException e) {
      return kind.resource() + " object";
    }
  }

  private static final class Scratch {
    final ExpositionBuffer buffer = new ExpositionBuffer(4096);
    final Samples samples = new Samples(buffer);
    final IdentityLabels identity = new IdentityLabels();
  }
}
