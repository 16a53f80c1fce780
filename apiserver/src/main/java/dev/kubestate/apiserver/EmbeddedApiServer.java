package dev.kubestate.apiserver;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;

/**
 * A Kubernetes API on loopback, backed by fabric8's CRUD mock server: objects created through it
 * are listed, watched, updated and deleted as by a real API server (within the mock's limits, see
 * STACK.md), and keep the UIDs and creation timestamps they were created with. Plain HTTP, no
 * authentication. LIST and WATCH also honour field selectors and, unless started without it, {@code
 * shardSelector} (see {@link dev.kubestate.apiserver.SelectingDispatcher}). Thread-safe;
 * {@link #close} is idempotent.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  /**
   * The mock server logs every request at INFO through java.util.logging; held here so the level
   * set in {@link #start} is not lost when the logger would otherwise be collected.
   */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final KubernetesMockServer server;
  private final IdentityPreservingDispatcher dispatcher;
  private final KubernetesClient client;
  private boolean closed;

  private EmbeddedApiServer(KubernetesMockServer server, IdentityPreservingDispatcher dispatcher) {
    this.server = server;
    this.dispatcher = dispatcher;
    this.client = new KubernetesClientBuilder().withConfig(config()).build();
  }

  /**
   * Starts a server that honours {@code shardSelector} on {@code 127.0.0.1:port} (0: an ephemeral
   * port).
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static EmbeddedApiServer start(int port) {
    return start(port, ApiServerFeatures.withShardSelector());
  }

  /**
   * Starts a server with the optional behaviours {@code features} on {@code 127.0.0.1:port} (0: an
   * ephemeral port).
   *
   * @throws IllegalStateException when the port cannot be bound
   */
  public static EmbeddedApiServer start(int port, ApiServerFeatures features) {
    if (MOCK_LOG.getLevel() == null) {
      MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }
    IdentityPreservingDispatcher dispatcher = new IdentityPreservingDispatcher(features);
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
    try {
      server.init(InetAddress.getLoopbackAddress(), port);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot start the API server on port " + port + ": " + e.getMessage(), e);
    }
    return new EmbeddedApiServer(server, dispatcher);
  }

  /** The server's base URL, e.g. {@code http://127.0.0.1:6443/}. */
  public String url() {
    return server.url("/");
  }

  /** A client configuration for this server that reads nothing from the environment. */
  public Config config() {
    return new ConfigBuilder(Config.empty())
        .withMasterUrl(url())
        .withTrustCerts(true)
        .withNamespace(null)
        .build();
  }

  /** The tokens and grants that TokenReview and SubjectAccessReview answer from. */
  public AccessReviewer accessReviewer() {
    return dispatcher.accessReviewer;
  }

  /** A client of this server, owned by it (closed with it). */
  public KubernetesClient client() {
    return client;
  }

  /**
   * Creates {@code objects} in their order (owners before owned), straight into the store rather
   * than over HTTP: the mock serialises every create anyway, and skipping the client and HTTP
   * round trips makes seeding several times faster. Resource versions are then the same on every
   * run.
   *
   * @throws IllegalStateException when an object cannot be created
   */
  public void seed(List<? extends HasMetadata> objects) {
    for (HasMetadata o : objects) {
      MockResponse response = dispatcher.create(path(o), o);
      if (response.code() != 201) {
        throw new IllegalStateException(
            "cannot create "
                + o.getKind()
                + " "
                + o.getMetadata().getNamespace()
                + "/"
                + o.getMetadata().getName()
                + ": HTTP "
                + response.code()
                + " "
                + response.getBody().readUtf8());
      }
    }
  }

  /**
   * The collection path a POST of {@code o} goes to, e.g. {@code
   * /apis/apps/v1/namespaces/a/deployments}.
   */
  static String path(HasMetadata o) {
    String group = HasMetadata.getGroup(o.getClass());
    String version = HasMetadata.getVersion(o.getClass());
    String ns = o.getMetadata().getNamespace();
    return (group == null || group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version)
        + (ns == null ? "" : "/namespaces/" + ns)
        + "/"
        + HasMetadata.getPlural(o.getClass());
  }

  /**
   * Stops the server, then closes the client (so the client's event loop is still there when the
   * server drops its connections); idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.destroy();
    client.close();
  }
}
