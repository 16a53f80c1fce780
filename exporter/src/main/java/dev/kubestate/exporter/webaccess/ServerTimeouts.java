package dev.kubestate.exporter.webaccess;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * KSM's {@code --server-*-timeout} bounds on one listener. A connection that has not delivered a
 * request's headers within the read-header timeout (or the read timeout, if shorter or the only
 * one set; the TLS handshake counts) is closed; a response not finished within the write timeout
 * of its request is cut off by closing the connection; a keep-alive connection idle for the idle
 * timeout is closed. Zero disables a bound, as in Go's {@code http.Server}. No endpoint reads a
 * request body, so the read timeout bounds the headers only. Immutable.
 *
 * @param read the whole request
 * @param write from the end of the request's headers to the end of the response
 * @param idle between requests on a keep-alive connection
 * @param readHeader from the connection's start to the end of the request's headers
 */
public record ServerTimeouts(Duration read, Duration write, Duration idle, Duration readHeader) {

  /** KSM's main-server defaults: read 1m, write 1m, idle 5m, read-header 5s. */
  public static final ServerTimeouts KSM_DEFAULTS =
      new ServerTimeouts(
          Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofSeconds(5));

  /** KSM's telemetry server: only a 5 s read-header timeout. */
  public static final ServerTimeouts TELEMETRY =
      new ServerTimeouts(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(5));

  public ServerTimeouts {
    for (Duration d : new Duration[] {read, write, idle, readHeader}) {
      if (Objects.requireNonNull(d, "timeout").isNegative()) {
        throw new IllegalArgumentException("timeout must not be negative, got " + d);
      }
    }
  }

  /** The bound on reading a request's headers, in ms; 0: none. */
  long headerMillis() {
    long h = readHeader.toMillis();
    long r = read.toMillis();
    if (h == 0) {
      return r;
    }
    return r == 0 ? h : Math.min(h, r);
  }

  /** Sets the idle and TLS handshake timeouts on {@code options} and returns it. */
  HttpServerOptions apply(HttpServerOptions options) {
    options.setIdleTimeout((int) idle.toMillis()).setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
    if (headerMillis() > 0) {
      options.setSslHandshakeTimeout(headerMillis()).setSslHandshakeTimeoutUnit(TimeUnit.MILLISECONDS);
    }
    return options;
  }

  /**
   * Installs the read-header bound on {@code server} (before it listens) and returns {@code inner}
   * wrapped with the header and write bounds. The wrapper is event-loop only.
   */
  Handler<HttpServerRequest> install(
      Vertx vertx, HttpServer server, Handler<HttpServerRequest> inner) {
    long headerMillis = headerMillis();
    long writeMillis = write.toMillis();
    Map<HttpConnection, Long> waiting = new ConcurrentHashMap<>();
    if (headerMillis > 0) {
      server.connectionHandler(
          connection -> {
            long timer =
                vertx.setTimer(
                    headerMillis,
                    id -> {
                      if (waiting.remove(connection) != null) {
                        connection.close();
                      }
                    });
            waiting.put(connection, timer);
            connection.closeHandler(
                v -> {
                  Long t = waiting.remove(connection);
                  if (t != null) {
                    vertx.cancelTimer(t);
                  }
                });
          });
    }
    return request -> {
      Long timer = waiting.remove(request.connection());
      if (timer != null) {
        vertx.cancelTimer(timer);
      }
      if (writeMillis > 0) {
        HttpServerResponse response = request.response();
        vertx.setTimer(
            writeMillis,
            id -> {
              if (!response.ended() && !response.closed()) {
                request.connection().close();
              }
            });
      }
      inner.handle(request);
    };
  }
}
