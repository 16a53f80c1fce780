package dev.kubestate.exporter.process;

import dev.kubestate.exporter.apirequests.ApiRequestInterceptor;
import dev.kubestate.exporter.fleet.FleetWatch;
import dev.kubestate.exporter.fleet.StatefulSetPod;
import dev.kubestate.exporter.informers.InformerSources;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.resources.Kinds;
import dev.kubestate.exporter.resharding.HandoffCoordinator;
import dev.kubestate.exporter.server.MainServer;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.exporter.telemetry.SelfMetrics;
import dev.kubestate.exporter.telemetry.SelfRegistry;
import dev.kubestate.exporter.telemetry.TelemetryServer;
import dev.kubestate.exporter.webaccess.ListenerAccess;
import dev.kubestate.exporter.webaccess.ServerTimeouts;
import dev.kubestate.exporter.webaccess.WebAccess;
import dev.kubestate.sharding.Shard;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Version;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.micrometer.MicrometerMetricsFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running exporter: its own Vert.x (with Micrometer metrics) serving the main and telemetry
 * listeners, a fabric8 client on a second, small Vert.x instance, the handoff coordinator running
 * the informers that feed one store per enabled kind and, with automatic sharding, the watch of
 * the pod's StatefulSet that tells the coordinator of every resize. Wiring only; each part lives
 * in its package. Thread-safe; {@link #start} and {@link #close} block and must not be called on
 * an event loop.
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

  /**
   * The exporter serves nothing from files: without classpath resolving Vert.x creates no file
   * cache, so the process needs no writable path (a read-only root filesystem suffices; before,
   * it exited at start with "Unable to create folder at path '/tmp/vertx-cache'").
   */
  private static final FileSystemOptions NO_FILE_CACHE =
      new FileSystemOptions().setClassPathResolvingEnabled(false).setFileCachingEnabled(false);

  private final Vertx vertx;
  private final Vertx clientVertx;

  // Set once each while starting; volatile since callers may hand the exporter to other threads.
  private volatile KubernetesClient client;
  private volatile ServedMetrics served;
  private volatile HandoffCoordinator handoff;
  private volatile FleetWatch fleet;
  private volatile HttpServer main;
  private volatile HttpServer telemetry;
  private volatile SelfMetrics self;
  private volatile WebAccess access;
  private boolean closed;

  private Exporter(Vertx vertx, Vertx clientVertx) {
    this.vertx = vertx;
    this.clientVertx = clientVertx;
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

  /**
   * As {@link #start(ExporterConfig)} with options for the listeners' Vert.x (tests lower its
   * blocked-loop limit).
   */
  public static Exporter start(ExporterConfig config, VertxOptions vertxOptions) throws Exception {
    PrometheusMeterRegistry registry = SelfRegistry.create();
    Vertx vertx =
        Vertx.builder()
            .with(
                new VertxOptions(vertxOptions)
                    .setMetricsOptions(SelfRegistry.vertxMetrics())
                    .setFileSystemOptions(NO_FILE_CACHE))
            .withMetrics(new MicrometerMetricsFactory(registry))
            .build();
    Vertx clientVertx =
        Vertx.vertx(
            new VertxOptions()
                .setEventLoopPoolSize(CLIENT_EVENT_LOOPS)
                .setFileSystemOptions(NO_FILE_CACHE));
    Exporter exporter = new Exporter(vertx, clientVertx);
    try {
      exporter.wire(config, registry);
      return exporter;
    } catch (Exception | Error e) {
      exporter.close();
      throw e;
    }
  }

  /** Builds and starts the parts in dependency order: client, shard, informers, listeners. */
  private void wire(ExporterConfig config, PrometheusMeterRegistry registry) throws Exception {
    Sharding sharding = config.sharding();
    ClusterWatch cluster = config.cluster();
    SelfMetrics self =
        new SelfMetrics(
            registry, sharding.staticShard(), BuildInfo.version(), Version.clientVersion());
    this.self = self;
    ServedMetrics served =
        new ServedMetrics(
            config.metrics(),
            self,
            cluster.objectLimit(),
            (enabled, disabled) -> followInTelemetry(self, enabled, disabled));
    this.served = served;
    List<ResourceKind<?>> kinds = new ArrayList<>(Kinds.all().values());
    KubernetesClients clients =
        new KubernetesClients(
            cluster.kubernetes(),
            clientVertx,
            new ApiRequestInterceptor(kinds, self, cluster.useApiserverCache()));
    client = clients.open();
    StatefulSetPod pod =
        sharding.automatic()
            ? StatefulSetPod.lookUp(client, sharding.podNamespace(), sharding.pod())
            : null;
    Shard shard = pod == null ? sharding.staticShard() : initialShard(pod);
    InformerSources sources =
        InformerSources.of(
            client,
            served.get(),
            cluster.namespaces(),
            cluster.namespacesDenylist(),
            cluster.nodeScope(),
            cluster.objectLimit());
    handoff =
        HandoffCoordinator.create(
            sources, sharding.map(), shard, self, sharding.serverSide(), clients);
    served.feedBy(handoff);
    self.bind(sources, served::store);
    self.bindSharding(handoff);
    listen(config.listeners(), registry, self);
    handoff.start();
    if (pod != null) {
      fleet = FleetWatch.start(client, pod, handoff::assign);
    }
    LOG.info(Banner.of(config, shard, handoff.selectsOnServer(), metricsPort(), telemetryPort()));
  }

  /** Registers the series of newly enabled resources, and removes those of disabled ones. */
  private void followInTelemetry(
      SelfMetrics self, List<MetricsStore<?>> enabled, List<String> disabled) {
    disabled.forEach(self::unbindResource);
    for (MetricsStore<?> s : enabled) {
      self.bindResource(s, handoff.sources().counters(s.resource()), served::store);
    }
  }

  /** Reads the pod's shard from its StatefulSet, and logs it. */
  private Shard initialShard(StatefulSetPod pod) {
    Shard shard = FleetWatch.initialShard(client, pod);
    LOG.debug(
        "automatic sharding: pod {}/{} is shard {} of StatefulSet {} with {} replicas",
        pod.namespace(),
        pod.pod(),
        shard.ordinal(),
        pod.statefulSet(),
        shard.total());
    return shard;
  }

  /**
   * Binds the main listener, then the telemetry listener; both answer ready once synced.
   *
   * @throws IllegalStateException naming the address and the flag when a listener cannot bind
   */
  private void listen(Listeners at, PrometheusMeterRegistry registry, SelfMetrics self)
      throws Exception {
    HandoffCoordinator ready = handoff;
    KubernetesClient c = client;
    access = Guards.start(vertx, at.security(), c, registry);
    main =
        await(
            MainServer.listen(
                vertx,
                at.host(),
                at.port(),
                served,
                ready::isSynced,
                () -> livez(c),
                self,
                new ListenerAccess(access, at.security().timeouts())),
            "metrics",
            at.host(),
            at.port(),
            "--host, --port");
    telemetry =
        await(
            TelemetryServer.listen(
                vertx,
                at.telemetryHost(),
                at.telemetryPort(),
                registry,
                ready::isSynced,
                new ListenerAccess(access, ServerTimeouts.TELEMETRY)),
            "telemetry",
            at.telemetryHost(),
            at.telemetryPort(),
            "--telemetry-host, --telemetry-port");
  }

  private static HttpServer await(
      Future<HttpServer> listening, String name, String host, int port, String flags)
      throws Exception {
    try {
      return listening
          .toCompletionStage()
          .toCompletableFuture()
          .get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      String h = host.contains(":") ? "[" + host + "]" : host;
      throw new IllegalStateException(
          "cannot listen on "
              + h
              + ":"
              + port
              + " for "
              + name
              + " ("
              + flags
              + "): "
              + cause.getMessage(),
          cause);
    }
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

  /**
   * Exports {@code next} from now on, without a restart: resources whose output changes are listed
   * again into new stores, served all at once when listed (see {@link ServedMetrics}).
   *
   * @return completes, saying what changed, when every scrape sees {@code next}; fails with a
   *     {@link java.util.concurrent.CancellationException} when a later call or {@link #close}
   *     supersedes it
   */
  public CompletableFuture<String> apply(ExportedMetrics next) {
    return served
        .apply(next)
        .thenApply(c -> c.isEmpty() ? "the exported resources and families stay" : c.toString());
  }

  /** The resources exported now, in output order. */
  public List<String> resources() {
    List<String> out = new ArrayList<>();
    served.get().forEach(s -> out.add(s.resource()));
    return out;
  }

  /** Shows a load of the options file at {@code filename} in KSM's reload series. */
  public void optionsFileLoaded(String filename, byte[] content) {
    self.configLoaded(filename, content);
  }

  /** Shows a failed load of the options file at {@code filename} in KSM's reload series. */
  public void optionsFileFailed(String filename) {
    self.configFailed(filename);
  }

  /** Whether every informer has listed at least once. */
  public boolean isSynced() {
    return handoff.isSynced();
  }

  /** The shard assignment served, or being handed over to during a re-shard. */
  public Shard shard() {
    return handoff.shard();
  }

  /** Whether a re-shard is under way (objects of the earlier assignment may still be served). */
  public boolean inHandoff() {
    return handoff.inHandoff();
  }

  /**
   * The UIDs of every object whose lines this exporter serves now, over all enabled kinds; a new
   * set, a snapshot of each store in turn.
   */
  public Set<String> heldUids() {
    Set<String> out = new HashSet<>();
    for (MetricsStore<?> s : served.get()) {
      out.addAll(s.uids());
    }
    return out;
  }

  /**
   * Stops the StatefulSet watch and the informers, then the listeners, then the client and Vert.x;
   * idempotent; waits up to ~5 s.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
    if (self != null) {
      self.stopping();
    }
    if (fleet != null) {
      fleet.close();
    }
    if (served != null) {
      served.close();
    }
    if (handoff != null) {
      handoff.close();
    }
    if (access != null) {
      access.close();
    }
    for (HttpServer s : new HttpServer[] {main, telemetry}) {
      if (s != null) {
        awaitUntil(deadline, s.close(), "closing a listener");
      }
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
