package dev.kubestate.exporter.webaccess;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Objects;
import java.util.Set;

/**
 * What guards one listener: the shared {@link WebAccess} (null: no web config and no auth filter)
 * and the listener's own timeouts. Immutable.
 *
 * @param access the access rules, or null for none
 * @param timeouts the listener's bounds on slow clients
 */
public record ListenerAccess(WebAccess access, ServerTimeouts timeouts) {

  public ListenerAccess {
    Objects.requireNonNull(timeouts, "timeouts");
  }

  /** No access rules, the given timeouts. */
  public static ListenerAccess open(ServerTimeouts timeouts) {
    return new ListenerAccess(null, timeouts);
  }

  /** Whether the listener serves TLS. */
  public boolean tls() {
    return access != null && access.tls();
  }

  /** {@code options} with TLS and timeouts applied; returns {@code options}. */
  public HttpServerOptions options(HttpServerOptions options) {
    return access == null ? timeouts.apply(options) : access.options(options, timeouts);
  }

  /**
   * Guards {@code inner} on {@code server} (not yet listening); the auth filter leaves {@code
   * openPaths} alone.
   */
  public Handler<HttpServerRequest> install(
      Vertx vertx, HttpServer server, Set<String> openPaths, Handler<HttpServerRequest> inner) {
    if (access == null) {
      return timeouts.install(vertx, server, inner);
    }
    return access.install(server, timeouts, openPaths, inner);
  }
}
