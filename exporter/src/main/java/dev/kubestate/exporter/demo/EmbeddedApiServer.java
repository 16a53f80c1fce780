package dev.kubestate.exporter.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A Kubernetes API on loopback, backed by fabric8's CRUD mock server: objects created through it
 * are listed, watched, updated and deleted as by a real API server (within the mock's limits,
 * see STACK.md), and keep the UIDs and creation timestamps they were created with. Plain HTTP, no
 * authentication. Thread-safe; {@link #close} is idempotent.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  private static final int SEED_THREADS = 4;

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private boolean closed;

  private EmbeddedApiServer(KubernetesMockServer server) {
    this.server = server;
    this.client = new KubernetesClientBuilder().withConfig(config()).build();
  }

  /**
   * Starts the server on {@code 127.0.0.1:port} (0: an ephemeral port).
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static EmbeddedApiServer start(int port) {
    KubernetesMockServer server = new KubernetesMockServer(
        new Context(), new MockWebServer(), new HashMap<>(), new IdentityPreservingDispatcher(), false);
    try {
      server.init(InetAddress.getLoopbackAddress(), port);
    } catch (RuntimeException e) {
      throw new IllegalStateException("cannot start the API server on port " + port + ": "
          + e.getMessage(), e);
    }
    return new EmbeddedApiServer(server);
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:6443/}. */
  public String url() {
    return server.url("/");
  }

  /** The bound port. */
  public int port() {
    return server.getPort();
  }

  /** A client configuration for this server that reads nothing from the environment. */
  public Config config() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withTrustCerts(true)
        .withNamespace(null)
        .build();
  }

  /** A client of this server, owned by it (closed with it). */
  public KubernetesClient client() {
    return client;
  }

  /**
   * Creates every object of {@code cluster}, kind by kind in {@link SyntheticCluster#objects()}
   * order (owners before owned); objects of one kind are created concurrently.
   *
   * @throws IllegalStateException when an object cannot be created
   */
  public void seed(SyntheticCluster cluster) {
    ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS, r -> {
      Thread t = new Thread(r, "demo-seed");
      t.setDaemon(true);
      return t;
    });
    try {
      createAll(pool, cluster.namespaces());
      createAll(pool, cluster.nodes());
      createAll(pool, cluster.deployments());
      createAll(pool, cluster.replicaSets());
      createAll(pool, cluster.services());
      createAll(pool, cluster.pods());
    } finally {
      pool.shutdownNow();
    }
  }

  private void createAll(ExecutorService pool, List<? extends HasMetadata> objects) {
    List<Future<?>> done = new ArrayList<>(objects.size());
    for (HasMetadata o : objects) {
      done.add(pool.submit(() -> client.resource(o).create()));
    }
    for (int i = 0; i < done.size(); i++) {
      try {
        done.get(i).get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("seeding interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        HasMetadata o = objects.get(i);
        throw new IllegalStateException("cannot create " + o.getKind() + " "
            + o.getMetadata().getName() + ": " + e.getCause().getMessage(), e.getCause());
      }
    }
  }

  /** Closes the client, then stops the server; idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    client.close();
    server.destroy();
  }
}
