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
 * shardSelector} (see {@link dev.kubestate.apiserver.SelectingDispatcher}). Serves discovery for
 * the kinds it holds and the {@code scale} subresource ({@link ApiDispatcher}), and can be {@link
 * #suspend suspended} and {@link #resume resumed} on the same port with the same objects.
 * Thread-safe; {@link #close} is idempotent.
 */
public final class EmbeddedApiServer implements AutoCloseable {

  /**
   * The mock server logs every request at INFO through java.util.logging; held here so the level
   * set in {@link #start} is not lost when the logger would otherwise be collected.
   */
  private static final java.util.logging.Logger MOCK_LOG =
      java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

  private final IdentityPreservingDispatcher store;
  private final Discovery discovery;
  private final ApiFaults faults;
  private final ApiDispatcher dispatcher;
  private final int port;
  private final String url;
  private final KubernetesClient client;
  private KubernetesMockServer server;
  private boolean closed;

  private EmbeddedApiServer(
      IdentityPreservingDispatcher store,
      Discovery discovery,
      ApiFaults faults,
      ApiDispatcher dispatcher,
      int port) {
    this.store = store;
    this.discovery = discovery;
    this.faults = faults;
    this.dispatcher = dispatcher;
    this.server = listen(dispatcher, port);
    this.port = server.getPort();
    this.url = server.url("/");
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
    IdentityPreservingDispatcher store = new IdentityPreservingDispatcher(features);
    Discovery discovery = new Discovery(features.kubernetesVersion());
    ApiFaults faults = new ApiFaults();
    return new EmbeddedApiServer(
        store, discovery, faults, new ApiDispatcher(store, discovery, faults), port);
  }

  private static KubernetesMockServer listen(ApiDispatcher dispatcher, int port) {
    MockWebServer web = new MockWebServer();
    KubernetesMockServer server =
        new KubernetesMockServer(new Context(), web, new HashMap<>(), dispatcher, false);
    try {
      server.init(InetAddress.getLoopbackAddress(), port);
    } catch (RuntimeException e) {
      server.destroy();
      throw new IllegalStateException(
          "cannot start the API server on port " + port + ": " + rootMessage(e), e);
    }
    dispatcher.servedBy(web);
    return server;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  /** The server's base URL, e.g. {@code http://localhost:6443/}; the same after a restart. */
  public String url() {
    return url;
  }

  /** The port the server listens on, and listens on again after {@link #resume}. */
  public int port() {
    return port;
  }

  /**
   * Stops answering: connections and watches are closed and new ones refused, as when the API
   * server is down; objects and resourceVersions are kept for {@link #resume}. Idempotent.
   */
  public synchronized void suspend() {
    if (server != null) {
      server.destroy();
      server = null;
    }
  }

  /**
   * Listens again on the same port with the same objects; resourceVersions continue where they
   * were. Idempotent.
   *
   * @throws IllegalStateException when closed, or when the port cannot be bound again
   */
  public synchronized void resume() {
    if (closed) {
      throw new IllegalStateException("the API server is closed");
    }
    if (server == null) {
      server = listen(dispatcher, port);
    }
  }

  /** The faults the server shows on request (failing LISTs, refused WATCHes, slow answers). */
  public ApiFaults faults() {
    return faults;
  }

  /**
   * Ends every open watch from the server's side, as a watch timeout or a dropped connection does;
   * clients watch again from the last resourceVersion they saw, and are sent what they missed.
   */
  public void closeWatches() {
    store.closeWatches();
  }

  /**
   * Forgets the watch history, as an etcd compaction does: a client watching again from an older
   * resourceVersion is refused with 410 Gone and lists again.
   */
  public void compact() {
    store.compact();
  }

  /** Whether the server answers now: started or resumed, and neither suspended nor closed. */
  public synchronized boolean isServing() {
    return server != null;
  }

  /**
   * Lists the resource types of {@code types} in discovery ({@code /api}, {@code /apis}, the
   * resource lists), as objects of theirs seeded or created do.
   */
  public void serve(List<Class<? extends HasMetadata>> types) {
    types.forEach(discovery::register);
  }

  /**
   * A kubeconfig (YAML) for this server: one cluster, context and user named {@code name}, no
   * credentials, e.g. for {@code kubectl --kubeconfig FILE get pods -A}.
   */
  public String kubeconfig(String name) {
    String server = "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port;
    return String.join(
        "\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: " + name,
        "  cluster:",
        "    server: " + server,
        "contexts:",
        "- name: " + name,
        "  context:",
        "    cluster: " + name,
        "    user: " + name,
        "current-context: " + name,
        "users:",
        "- name: " + name,
        "  user: {}",
        "");
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
    return store.accessReviewer;
  }

  /** A client of this server, owned by it (closed with it). */
  public KubernetesClient client() {
    return client;
  }

  /**
   * Creates {@code objects} in their order (owners before owned), straight into the store rather
   * than over HTTP: the mock serialises every create anyway, and skipping the client and HTTP round
   * trips makes seeding several times faster. Resource versions are then the same on every run.
   *
   * @throws IllegalStateException when an object cannot be created
   */
  public void seed(List<? extends HasMetadata> objects) {
    for (HasMetadata o : objects) {
      discovery.register(o.getClass());
      MockResponse response = store.create(path(o), o);
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
    suspend();
    client.close();
  }
}
