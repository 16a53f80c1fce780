package dev.kubestate.exporter.webaccess;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.ServerSSLOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access rules shared by both listeners: the web config of {@code --tls-config} (kept current
 * by {@link ConfigWatch}) and, with {@code --auth-filter}, the {@link AccessReviews}. Binding a
 * listener goes through {@link #options} (TLS, timeouts) and {@link #install} (the request
 * guard). Thread-safe.
 */
public final class WebAccess implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WebAccess.class);

  private final Vertx vertx;
  private final Path file;
  private final AccessReviews reviews;
  private final BasicAuth basicAuth;
  private final List<HttpServer> tlsServers = new CopyOnWriteArrayList<>();
  private final AtomicLong reloadsOk = new AtomicLong();
  private final AtomicLong reloadsFailed = new AtomicLong();
  private final boolean tlsAtStart;
  private volatile WebConfig config;
  private volatile TokenBucket bucket;
  private volatile boolean lastReloadOk = true;
  private volatile ConfigWatch watch;

  private WebAccess(Vertx vertx, Path file, WebConfig config, AccessReviews reviews) {
    this.vertx = vertx;
    this.file = file;
    this.config = config;
    this.reviews = reviews;
    this.basicAuth = new BasicAuth(vertx);
    this.tlsAtStart = config.tls() != null;
    this.bucket = new TokenBucket(config.rateInterval(), config.rateBurst(), System.nanoTime());
  }

  /**
   * Reads the web config {@code file} (null: plain HTTP, no basic auth) and starts watching it.
   * Blocking: call off the event loop.
   *
   * @param reviews the auth filter, or null without {@code --auth-filter}
   * @throws IllegalArgumentException one line naming the file and what is wrong with it
   */
  public static WebAccess start(Vertx vertx, Path file, AccessReviews reviews) {
    WebAccess access =
        new WebAccess(
            vertx, file, file == null ? WebConfig.open() : WebConfigFile.read(file), reviews);
    if (file != null) {
      access.watch = ConfigWatch.start(vertx, access.config.files(), access::reload);
    }
    return access;
  }

  /**
   * Reads the web config {@code file} and the certificates it names as {@link #start} does, and
   * forgets them. Blocking.
   *
   * @throws IllegalArgumentException one line naming the file and what is wrong with it
   */
  public static void check(Path file) {
    WebConfigFile.read(file);
  }

  /**
   * Whether listeners started now with the web config {@code file} would serve TLS. Blocking.
   *
   * @throws IllegalArgumentException one line naming the file and what is wrong with it
   */
  public static boolean servesTls(Path file) {
    return WebConfigFile.read(file).tls() != null;
  }

  /** Whether the listeners serve TLS (decided at start; switching needs a restart). */
  public boolean tls() {
    return tlsAtStart;
  }

  /** Successful re-reads of a changed web config since start. */
  public long reloadsSucceeded() {
    return reloadsOk.get();
  }

  /** Re-reads of a changed web config that failed (the previous config stayed). */
  public long reloadsFailed() {
    return reloadsFailed.get();
  }

  /** Whether the last re-read succeeded (true before any). */
  public boolean lastReloadSucceeded() {
    return lastReloadOk;
  }

  /** {@code options} with TLS (if configured) and the timeouts set; returns {@code options}. */
  public HttpServerOptions options(HttpServerOptions options, ServerTimeouts timeouts) {
    timeouts.apply(options);
    WebConfig c = config;
    if (c.tls() != null) {
      options.setSsl(true);
      c.tls().fill(options.getSslOptions());
      if (c.http2()) {
        options.setUseAlpn(true).setAlpnVersions(List.of(HttpVersion.HTTP_2, HttpVersion.HTTP_1_1));
      }
    }
    return options;
  }

  /**
   * Installs the timeouts on {@code server} (not yet listening) and returns {@code inner} behind
   * the rate limit, headers, basic auth and, for paths outside {@code openPaths}, the auth filter.
   * With TLS the server is remembered, so a changed certificate reaches it.
   */
  public Handler<HttpServerRequest> install(
      HttpServer server,
      ServerTimeouts timeouts,
      java.util.Set<String> openPaths,
      Handler<HttpServerRequest> inner) {
    if (tlsAtStart) {
      tlsServers.add(server);
    }
    RequestGuard guard = new RequestGuard(vertx, this, basicAuth, reviews, openPaths, inner);
    return timeouts.install(vertx, server, guard);
  }

  WebConfig config() {
    return config;
  }

  TokenBucket bucket() {
    return bucket;
  }

  /** Re-reads the file; called by the watch on a worker thread when a file changed. */
  private List<Path> reload() {
    WebConfig next;
    try {
      next = WebConfigFile.read(file);
    } catch (IllegalArgumentException e) {
      reloadsFailed.incrementAndGet();
      lastReloadOk = false;
      LOG.error("web config not reloaded, keeping the previous one: {}", e.getMessage());
      return null;
    }
    if ((next.tls() != null) != tlsAtStart) {
      LOG.warn(
          "web config {}: TLS turned {}, which takes a restart; the listeners stay {}",
          file,
          next.tls() != null ? "on" : "off",
          tlsAtStart ? "on TLS" : "on plain HTTP");
    }
    if (!next.rateInterval().equals(config.rateInterval()) || next.rateBurst() != config.rateBurst()) {
      bucket = new TokenBucket(next.rateInterval(), next.rateBurst(), System.nanoTime());
    }
    config = next;
    if (tlsAtStart && next.tls() != null) {
      for (HttpServer s : tlsServers) {
        s.updateSSLOptions(next.tls().fill(new ServerSSLOptions()), true)
            .onFailure(e -> LOG.error("new TLS settings not applied: {}", e.toString()));
      }
    }
    reloadsOk.incrementAndGet();
    lastReloadOk = true;
    LOG.info("web config {} reloaded", file);
    return next.files();
  }

  /** Stops watching the web config and closes the auth filter's client. */
  @Override
  public void close() {
    ConfigWatch w = watch;
    if (w != null) {
      w.close();
    }
    if (reviews != null) {
      reviews.close();
    }
  }
}
