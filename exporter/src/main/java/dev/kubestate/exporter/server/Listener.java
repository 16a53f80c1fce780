package dev.kubestate.exporter.server;

import dev.kubestate.exporter.webaccess.ListenerAccess;
import dev.kubestate.exporter.webaccess.ServerTimeouts;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binds an HTTP server to a host and port. Host {@code ::} (KSM's default, all interfaces) falls
 * back to {@code 0.0.0.0} with a log line when IPv6 is unavailable. Stateless.
 */
public final class Listener {

  private static final Logger LOG = LoggerFactory.getLogger(Listener.class);

  /** KSM's default host: every interface, IPv6 and (dual-stack) IPv4. */
  public static final String ALL_INTERFACES = "::";

  private Listener() {}

  /**
   * Creates and binds a server.
   *
   * @param name what the listener serves, for the log line ({@code metrics}, {@code telemetry})
   * @param port the port; 0 picks a free one
   * @return completes with the bound server, or fails when neither address can be bound
   */
  public static Future<HttpServer> listen(
      Vertx vertx,
      String name,
      HttpServerOptions options,
      Handler<HttpServerRequest> handler,
      String host,
      int port) {
    return listen(
        vertx, name, options, handler, host, port,
        ListenerAccess.open(ServerTimeouts.KSM_DEFAULTS), Set.of());
  }

  /**
   * As {@link #listen(Vertx, String, HttpServerOptions, Handler, String, int)}, guarded by {@code
   * access} (TLS, basic auth, auth filter, timeouts); the auth filter leaves {@code openPaths}
   * alone.
   */
  public static Future<HttpServer> listen(
      Vertx vertx,
      String name,
      HttpServerOptions options,
      Handler<HttpServerRequest> handler,
      String host,
      int port,
      ListenerAccess access,
      Set<String> openPaths) {
    return bind(vertx, name, options, handler, host, port, access, openPaths)
        .recover(
            e -> {
              if (!ALL_INTERFACES.equals(host) || isPortTaken(e)) {
                return Future.failedFuture(e);
              }
              LOG.info(
                  "{}: cannot bind [::]:{} ({}), IPv6 unavailable? falling back to 0.0.0.0",
                  name,
                  port,
                  e.toString());
              return bind(vertx, name, options, handler, "0.0.0.0", port, access, openPaths);
            });
  }

  private static Future<HttpServer> bind(
      Vertx vertx,
      String name,
      HttpServerOptions options,
      Handler<HttpServerRequest> handler,
      String host,
      int port,
      ListenerAccess access,
      Set<String> openPaths) {
    // HTTP/1.1 only, as KSM serves plain HTTP (Prometheus scrapes with it): an h2c upgrade of a
    // large streamed /metrics response was seen to lose its HTTP/2 framing at the client.
    HttpServer server =
        vertx.createHttpServer(
            access.options(new HttpServerOptions(options).setHttp2ClearTextEnabled(false)));
    String scheme = access.tls() ? "https" : "http";
    return server
        .requestHandler(access.install(vertx, server, openPaths, handler))
        .listen(port, host)
        .onSuccess(s -> LOG.debug("{} listening on {}", name, address(scheme, s, host)));
  }

  private static boolean isPortTaken(Throwable e) {
    String message = e.getMessage();
    return message != null && message.contains("in use");
  }

  private static String address(String scheme, HttpServer server, String host) {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return scheme + "://" + h + ":" + server.actualPort();
  }
}
