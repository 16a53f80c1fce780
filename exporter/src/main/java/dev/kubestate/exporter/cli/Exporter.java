package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.informers.ApiRequestInterceptor;
import dev.kubestate.exporter.informers.FleetWatch;
import dev.kubestate.exporter.informers.Informers;
import dev.kubestate.exporter.informers.PodShard;
import dev.kubestate.exporter.informers.SelectingClients;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.server.MainServer;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.exporter.telemetry.SelfMetrics;
import dev.kubestate.exporter.telemetry.TelemetryServer;
import dev.kubestate.sharding.Shard;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.Version;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running exporter: its own Vert.x (with Micrometer metrics) serving the main and telemetry
 * listeners, a fabric8 client on a second, small Vert.x instance, and informers feeding one store
 * per enabled kind. Wiring only; each part lives in its package. Thread-safe; {@link #start} and
 * {@link #close} block and must not be called on an event loop.
 *
 * <p>Why two Vert.x instances: fabric8's Vert.x client decodes LIST responses and watch events
 * with Jackson on the event loop that received them. Measured here, a 1 MB initial LIST blocked
 * that loop for seconds; sharing one instance would let any relist stall a {@code /metrics}
 * response on the same loop. With its own event loops the client can never delay a scrape.
 */
public final class Exporter implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);

  /** How long {@link #start} waits for both listeners, and {@link #close} for shutdown, in s. */
  private static final long WAIT_SECONDS = 5;

  /** Event loops of the fabric8 client; never serves HTTP. */
  private static final int CLIENT_EVENT_LOOPS = 2;

  private final Vertx vertx;
  private final Vertx clientVertx;
  private final KubernetesClient client;
  private final Informers informers;
  private final List<MetricsStore<?>> stores;
  private final HttpServer main;
  private final HttpServer telemetry;
  private boolean closed;

  private Exporter(
      Vertx vertx,
      Vertx clientVertx,
      KubernetesClient client,
      Informers informers,
      List<MetricsStore<?>> stores,
      HttpServer main,
      HttpServer telemetry) {
    this.vertx = vertx;
    this.clientVertx = clientVertx;
    this.client = client;
    this.informers = informers;
    this.stores = List.copyOf(stores);
    this.main = main;
    this.telemetry = telemetry;
  }

  /**
   * Starts everything; returns once both listeners are bound (informers may still be syncing).
   *
   * @throws Exception when a listener cannot bind or the client cannot be built; everything
   *     started so far is stopped first
   * @throws IllegalStateException with automatic sharding, naming the pod, when the pod or its
   *     StatefulSet cannot be read or the pod has no StatefulSet owner or ordinal
   */
  public static Exporter start(ExporterConfig config) throws Exception {
    return start(config, new VertxOptions());
  }

  /** As {@link #start(ExporterConfig)} with Vert.x options (tests lower the blocked-loop limit). */
  static Exporter start(ExporterConfig config, VertxOptions vertxOptions) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions(vertxOptions)
                    .setMetricsOptions(
                        new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    Vertx clientVertx =
        Vertx.vertx(new VertxOptions().setEventLoopPoolSize(CLIENT_EVENT_LOOPS));
    KubernetesClient client = null;
    Informers informers = null;
    List<HttpServer> bound = new ArrayList<>();
    try {
      ExportSettings settings = config.settings();
      SelfMetrics self =
          new SelfMetrics(registry, settings.shard(), BuildInfo.version(), Version.clientVersion());
      List<ResourceKind<?>> kinds = new ArrayList<>();
      List<MetricsStore<?>> stores = settings.newStores(self);
      stores.forEach(s -> kinds.add(s.renderer().kind()));
      ApiRequestInterceptor interceptor =
          new ApiRequestInterceptor(kinds, self, config.useApiserverCache());
      client = newClient(config, clientVertx, interceptor);
      SelectingClients selecting =
          selector -> newClient(config, clientVertx, interceptor.withShardSelector(selector));
      ShardingConfig sharding = config.sharding();
      PodShard pod = null;
      Shard shard = settings.shard();
      if (sharding.automatic()) {
        pod = PodShard.lookUp(client, sharding.podNamespace(), sharding.pod());
        shard = FleetWatch.initialShard(client, pod);
        LOG.info(
            "automatic sharding: pod {}/{} is shard {} of StatefulSet {} with {} replicas",
            pod.namespace(),
            pod.pod(),
            shard.ordinal(),
            pod.statefulSet(),
            shard.total());
      }
      informers =
          new Informers(
              client,
              stores,
              shard,
              sharding.shardMap(),
              config.namespaces(),
              config.namespacesDenylist(),
              config.nodeScope(),
              self,
              sharding.serverSide(),
              selecting);
      if (informers.selectsOnServer()) {
        LOG.info(
            "server-side sharding: LIST and WATCH carry a shardSelector with this shard's hash"
                + " ranges; objects are filtered on the client too");
      } else if (shard.isSharded() || sharding.automatic()) {
        LOG.info(
            "client-side sharding: every object is received and filtered here (server-side"
                + " sharding needs --shard-map=consistent-ranges)");
      }
      self.bind(stores, informers);
      self.bindSharding(informers);
      Informers ready = informers;
      KubernetesClient c = client;
      bound.add(
          await(
              MainServer.listen(
                  vertx,
                  config.host(),
                  config.port(),
                  stores,
                  ready::isSynced,
                  () -> livez(c),
                  self)));
      bound.add(
          await(
              TelemetryServer.listen(
                  vertx,
                  config.telemetryHost(),
                  config.telemetryPort(),
                  registry,
                  ready::isSynced)));
      informers.start();
      if (pod != null) {
        informers.follow(pod);
      }
      return new Exporter(
          vertx, clientVertx, client, informers, stores, bound.get(0), bound.get(1));
    } catch (Exception | Error e) {
      stop(vertx, clientVertx, client, informers, bound);
      throw e;
    }
  }

  /** A client of the configured API server on {@code vertx}, with {@code interceptor}. */
  private static KubernetesClient newClient(
      ExporterConfig config, Vertx vertx, ApiRequestInterceptor interceptor) {
    return new KubernetesClientBuilder()
        .withConfig(config.kubernetes())
        .withHttpClientFactory(new Vertx5HttpClientFactory(vertx))
        .withHttpClientBuilderConsumer(
            b -> b.addOrReplaceInterceptor(ApiRequestInterceptor.NAME, interceptor))
        .build();
  }

  private static HttpServer await(Future<HttpServer> listening) throws Exception {
    return listening.toCompletionStage().toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
  }

  /** GET {@code /livez} on the API server through the client's asynchronous HTTP layer. */
  private static CompletionStage<Boolean> livez(KubernetesClient client) {
    URI uri = URI.create(client.getMasterUrl().toString()).resolve("/livez");
    HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(uri).build();
    return client
        .getHttpClient()
        .sendAsync(request, String.class)
        .thenApply(response -> response.isSuccessful());
  }

  /** The main listener's bound port. */
  public int metricsPort() {
    return main.actualPort();
  }

  /** The telemetry listener's bound port. */
  public int telemetryPort() {
    return telemetry.actualPort();
  }

  /** Whether every informer has listed at least once. */
  public boolean isSynced() {
    return informers.isSynced();
  }

  /** The shard assignment served, or being handed over to during a re-shard. */
  public Shard shard() {
    return informers.shard();
  }

  /** Whether a re-shard is under way (objects of the earlier assignment may still be served). */
  public boolean inHandoff() {
    return informers.inHandoff();
  }

  /**
   * The UIDs of every object whose lines this exporter serves now, over all enabled kinds; a new
   * set, a snapshot of each store in turn.
   */
  public Set<String> heldUids() {
    Set<String> out = new HashSet<>();
    for (MetricsStore<?> s : stores) {
      out.addAll(s.uids());
    }
    return out;
  }

  /** Stops informers, then listeners, then the client and Vert.x; idempotent; waits up to ~5 s. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop(vertx, clientVertx, client, informers, List.of(main, telemetry));
  }

  private static void stop(
      Vertx vertx,
      Vertx clientVertx,
      KubernetesClient client,
      Informers informers,
      List<HttpServer> servers) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    if (informers != null) {
      informers.close();
    }
    for (HttpServer s : servers) {
      awaitUntil(deadline, s.close(), "closing a listener");
    }
    if (client != null) {
      try {
        client.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the Kubernetes client failed: {}", e.toString());
      }
    }
    awaitUntil(deadline, clientVertx.close(), "closing the client's Vert.x");
    awaitUntil(deadline, vertx.close(), "closing Vert.x");
  }

  private static void awaitUntil(long deadlineNanos, Future<?> future, String what) {
    long left = Math.max(1, deadlineNanos - System.nanoTime());
    try {
      future.toCompletionStage().toCompletableFuture().get(left, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("{} failed: {}", what, e.toString());
    }
  }
}
