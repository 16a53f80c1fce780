package dev.kubestate.exporter.telemetry;

import dev.kubestate.exporter.apirequests.ApiRequests;
import dev.kubestate.exporter.informers.InformerSources;
import dev.kubestate.exporter.informers.KindCounters;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.resharding.HandoffCoordinator;
import dev.kubestate.exporter.resharding.ShardEvents;
import dev.kubestate.exporter.server.RequestDurations;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.sharding.ConsistentRangeMap;
import dev.kubestate.sharding.HashRangeSet;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The exporter's self metrics in one registry. KSM's series keep KSM's names, labels and HELP
 * strings (reference/ksm-behaviour.md section 9); ours live under {@code kube_state_exporter_}.
 * Names are given in Micrometer's dotted form; the Prometheus registry adds {@code _total} to
 * counters. Thread-safe: the request and failure callbacks may run on any thread.
 */
public final class SelfMetrics
    implements ApiRequests, RenderFailures, ShardEvents, RequestDurations {

  /** KSM's buckets of {@code http_request_duration_seconds}: Prometheus' default ones. */
  private static final Duration[] REQUEST_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };


  private static final Logger LOG = LoggerFactory.getLogger(SelfMetrics.class);

  /** At most one render-failure line per 10 s, in nanoseconds. */
  private static final long LOG_INTERVAL_NANOS = 10_000_000_000L;

  static final String LIST = "kube.state.metrics.list";
  static final String WATCH = "kube.state.metrics.watch";

  private final MeterRegistry registry;
  private final ApiFailureLog apiFailures = new ApiFailureLog();
  private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);
  private final AtomicLong failures = new AtomicLong();
  private final AtomicInteger totalShards = new AtomicInteger();
  private final Counter movedIn;
  private final Counter movedOut;
  private Gauge ordinalGauge;
  private final ConfigReloads configReloads;

  /** The per-resource meters {@link #bindResource} registered, by resource. */
  private final Map<String, List<Meter>> bound = new ConcurrentHashMap<>();

  /**
   * Registers the static series (build info, shard).
   *
   * @param registry where the series go
   * @param shard this instance's shard
   * @param version this build's version
   * @param clientVersion the Kubernetes client library's version
   */
  public SelfMetrics(MeterRegistry registry, Shard shard, String version, String clientVersion) {
    this.registry = registry;
    this.configReloads = new ConfigReloads(registry);
    Gauge.builder("kube.state.metrics.build.info", () -> 1)
        .description(
            "A metric with a constant '1' value labeled by version, revision, branch, goversion"
                + " from which kube_state_metrics was built, and the goos and goarch for the"
                + " build.")
        .tag("branch", "")
        .tag("client_go_version", clientVersion)
        .tag("goarch", System.getProperty("os.arch", "").toLowerCase(Locale.ROOT))
        .tag("goos", System.getProperty("os.name", "").toLowerCase(Locale.ROOT))
        .tag("goversion", "java" + System.getProperty("java.version", ""))
        .tag("revision", "")
        .tag("tags", "")
        .tag("version", version)
        .register(registry);
    Gauge.builder("kube.state.metrics.total.shards", totalShards, AtomicInteger::get)
        .description("Number of total shards this instance is aware of")
        .register(registry);
    movedIn =
        Counter.builder("kube.state.exporter.shard.moved.in")
            .description("Objects gained by re-sharding, counted when a handoff settles.")
            .register(registry);
    movedOut =
        Counter.builder("kube.state.exporter.shard.moved.out")
            .description("Objects dropped by re-sharding, counted when a handoff settles.")
            .register(registry);
    assigned(shard);
  }

  /**
   * Shows {@code shard} in KSM's {@code kube_state_metrics_shard_ordinal} (only the current
   * ordinal's series exists) and {@code kube_state_metrics_total_shards}.
   */
  @Override
  public synchronized void assigned(Shard shard) {
    try {
      int ordinal = shard.ordinal();
      if (ordinalGauge != null) {
        registry.remove(ordinalGauge);
      }
      ordinalGauge =
          Gauge.builder("kube.state.metrics.shard.ordinal", () -> ordinal)
              .description("Current sharding ordinal/index of this instance")
              .tag("shard_ordinal", Integer.toString(ordinal))
              .register(registry);
      totalShards.set(shard.total());
    } catch (RuntimeException e) {
      // Telemetry must never break re-sharding.
    }
  }

  @Override
  public void settled(long in, long out) {
    movedIn.increment(in);
    movedOut.increment(out);
  }

  /** Registers the handoff state and the owned fraction of the hash space. */
  public void bindSharding(HandoffCoordinator handoff) {
    Gauge.builder("kube.state.exporter.shard.handoff", handoff, h -> h.inHandoff() ? 1 : 0)
        .description(
            "1 while a re-shard hands objects over (objects may be served by two shards), else 0.")
        .register(registry);
    Gauge.builder(
            "kube.state.exporter.shard.hash.fraction",
            handoff,
            h -> ownedFraction(h.shardMap(), h.shard()))
        .description("Fraction of the UID hash space this instance's assignment owns.")
        .register(registry);
    Gauge.builder(
            "kube.state.exporter.shard.server.side", handoff, h -> h.selectsOnServer() ? 1 : 0)
        .description(
            "1 when LIST and WATCH requests carry a shardSelector (server-side sharding), else 0.")
        .register(registry);
    Gauge.builder("kube.state.exporter.informer.sets", handoff, HandoffCoordinator::runningSlices)
        .description(
            "Informer sets running: 1 when settled; more during a re-shard, or with server-side"
                + " sharding while narrowed sets await replacement.")
        .register(registry);
  }

  /** The fraction of the hash space {@code shard} owns under {@code map}. */
  static double ownedFraction(ShardMap map, Shard shard) {
    if (!(map instanceof ConsistentRangeMap ranges)) {
      return 1.0 / shard.total();
    }
    return HashRangeSet.of(ranges.ranges(shard)).fraction();
  }

  /**
   * Registers the per-resource series of every store {@code sources} feeds: gauges reading the
   * store {@code served} returns for the resource (so they follow a store replaced by a changed
   * options file), counters reading the informer counters.
   */
  public void bind(InformerSources sources, Function<String, MetricsStore<?>> served) {
    for (MetricsStore<?> store : sources.stores()) {
      bindResource(store, sources.counters(store.resource()), served);
    }
  }

  /**
   * Registers the per-resource series of {@code store}'s resource, reading the store {@code
   * served} returns for it and {@code counters} (may be null: no counter series).
   */
  public void bindResource(
      MetricsStore<?> store, KindCounters counters, Function<String, MetricsStore<?>> served) {
    String resource = store.resource();
    List<Meter> meters = new ArrayList<>();
    meters.add(
        Gauge.builder("kube.state.exporter.store.objects", served, f -> size(f.apply(resource)))
            .description("Objects whose metrics this instance holds, per resource.")
            .tag("resource", resource)
            .register(registry));
    meters.add(
        Gauge.builder(
                "kube.state.exporter.store.bytes", served, f -> renderedBytes(f.apply(resource)))
            .description("Bytes of rendered metric lines held, per resource.")
            .tag("resource", resource)
            .register(registry));
    if (counters != null) {
      if (counters.objectLimit() > 0) {
        bindObjectLimit(store.renderer().kind().telemetryName(), counters, meters);
      }
      bindCounters(resource, counters, meters);
    }
    bound.put(resource, meters);
  }

  /** Removes the per-resource series of {@code resource} (no longer exported). */
  public void unbindResource(String resource) {
    List<Meter> meters = bound.remove(resource);
    if (meters != null) {
      meters.forEach(registry::remove);
    }
  }

  private static double size(MetricsStore<?> store) {
    return store == null ? 0 : store.size();
  }

  private static double renderedBytes(MetricsStore<?> store) {
    return store == null ? 0 : store.renderedBytes();
  }

  private void bindCounters(String resource, KindCounters counters, List<Meter> meters) {
    meters.add(
        FunctionCounter.builder(
                "kube.state.exporter.objects.received", counters, KindCounters::received)
            .description(
                "Objects received from the API server in LIST responses and ADDED/MODIFIED watch"
                    + " events, before the shard filter. With server-side sharding about 1/N of"
                    + " an unsharded instance's.")
            .tag("resource", resource)
            .register(registry));
    meters.add(
        FunctionCounter.builder("kube.state.exporter.objects.kept", counters, KindCounters::kept)
            .description("Objects received that this shard owns and renders.")
            .tag("resource", resource)
            .register(registry));
    meters.add(
        FunctionCounter.builder(
                "kube.state.exporter.shard.dropped", counters, KindCounters::droppedByShard)
            .description("Informer events dropped because another shard owns the object.")
            .tag("resource", resource)
            .register(registry));
    meters.add(
        FunctionCounter.builder(
                "kube.state.exporter.node.dropped", counters, KindCounters::droppedByNode)
            .description(
                "Informer events dropped because the pod is not on the node this instance exports"
                    + " (--node, --track-unscheduled-pods).")
            .tag("resource", resource)
            .register(registry));
    meters.add(
        FunctionCounter.builder(
                "kube.state.exporter.informer.handler.failures",
                counters,
                KindCounters::handlerFailures)
            .description("Informer events whose handling failed; the object's lines were kept.")
            .tag("resource", resource)
            .register(registry));
    meters.add(
        FunctionCounter.builder(
                "kube.state.exporter.resource.not.served", counters, KindCounters::notServed)
            .description(
                "LIST and WATCH requests the API server answered 404 Not Found: it does not serve"
                    + " the resource, which is then exported empty until it does.")
            .tag("resource", resource)
            .register(registry));
  }

  @Override
  public void listed(String resource, boolean success) {
    count(LIST, "Number of total resource list calls in kube-state-metrics", resource, success);
    if (success) {
      apiFailures.succeeded(resource, false);
    }
  }

  @Override
  public void watched(String resource, boolean success) {
    count(WATCH, "Number of total resource watch calls in kube-state-metrics", resource, success);
    if (success) {
      apiFailures.succeeded(resource, true);
    }
  }

  /** KSM's {@code --object-limit} series of one resource (reference/ksm-behaviour.md 9). */
  private void bindObjectLimit(String resource, KindCounters counters, List<Meter> meters) {
    meters.add(
        Gauge.builder("kube.state.metrics.list.objects", counters, KindCounters::listObjects)
            .description("Number of resources listed in kube-state-metrics")
            .tag("resource", resource)
            .register(registry));
    meters.add(
        Gauge.builder(
                "kube.state.metrics.list.objects.limit", counters, KindCounters::objectLimit)
            .description("Number of resource list limit in kube-state-metrics")
            .tag("resource", resource)
            .register(registry));
  }

  /** The options file at {@code filename} was loaded from {@code content}, now. */
  public void configLoaded(String filename, byte[] content) {
    configReloads.loaded(filename, content);
  }

  /** Loading the options file at {@code filename} failed (the previous values stay). */
  public void configFailed(String filename) {
    configReloads.failed(filename);
  }

  /** The exporter stops: requests failing from now on (closed by it) are not logged. */
  public void stopping() {
    apiFailures.stopping();
  }

  /** Logs one line for the failed request (see {@link ApiFailureLog}). */
  @Override
  public void failed(String resource, boolean watch, int status, Throwable cause) {
    apiFailures.failed(resource, watch, status, cause);
  }

  @Override
  public void shardSelectorAnswered(String resource, boolean honoured) {
    Counter.builder("kube.state.exporter.shard.selector.lists")
        .description(
            "LIST responses to requests with a shardSelector, by whether the API server applied"
                + " it (honoured=\"true\": metadata.shardInfo present).")
        .tag("resource", resource)
        .tag("honoured", Boolean.toString(honoured))
        .register(registry)
        .increment();
  }

  /** KSM's {@code http_request_duration_seconds{handler="metrics",method}} histogram. */
  @Override
  public void metricsRequest(String method, long nanos) {
    Timer.builder("http.request.duration")
        .description("A histogram of requests for kube-state-metrics metrics handler.")
        .tag("handler", "metrics")
        .tag("method", method)
        .serviceLevelObjectives(REQUEST_BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void handlerFailed() {
    Counter.builder("kube.state.exporter.http.handler.failures")
        .description("Main-port requests whose handler failed (answered 500, or closed mid-body).")
        .register(registry).increment();
  }

  private void count(String name, String help, String resource, boolean success) {
    Counter.builder(name)
        .description(help)
        .tag("resource", resource)
        .tag("result", success ? "success" : "error")
        .register(registry)
        .increment();
  }

  /** Counts a failed generator and logs at most one line per 10 s; never throws. */
  @Override
  public void failed(String resource, String family, String object, RuntimeException error) {
    try {
      Counter.builder("kube.state.exporter.render.failures")
          .description(
              "Families dropped for an object because rendering failed; family is empty when"
                  + " the object's identity could not be rendered.")
          .tag("resource", resource)
          .tag("family", family == null ? "" : family)
          .register(registry)
          .increment();
      long n = failures.incrementAndGet();
      long now = System.nanoTime();
      long last = lastFailureLog.get();
      if (now - last >= LOG_INTERVAL_NANOS && lastFailureLog.compareAndSet(last, now)) {
        LOG.warn(
            "rendering {} of {} failed ({} failures so far): {}",
            family == null ? "identity labels" : family,
            object,
            n,
            error.toString());
      }
    } catch (RuntimeException e) {
      // Telemetry must never break rendering.
    }
  }
}
