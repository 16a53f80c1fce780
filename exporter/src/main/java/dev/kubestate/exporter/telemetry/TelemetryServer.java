package dev.kubestate.exporter.telemetry;

import dev.kubestate.exporter.server.LandingPage;
import dev.kubestate.exporter.server.Listener;
import dev.kubestate.exporter.server.MainServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import dev.kubestate.exporter.webaccess.ListenerAccess;
import dev.kubestate.exporter.webaccess.ServerTimeouts;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * The telemetry listener: {@code /metrics} (the self-metrics registry in Prometheus text or
 * OpenMetrics by negotiation), {@code /readyz} and a landing page at {@code /}; other paths 404.
 * {@code /readyz} is 200 only once every informer has synced, stricter than KSM's (which only
 * checks that the registry holds a series). Handlers are event-loop only.
 */
public final class TelemetryServer {

  private TelemetryServer() {}

  /**
   * Binds the telemetry listener.
   *
   * @param ready whether every informer has synced; must be cheap and non-blocking
   * @return completes with the bound server
   */
  public static Future<HttpServer> listen(
      Vertx vertx,
      String host,
      int port,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready) {
    return listen(
        vertx, host, port, registry, ready, ListenerAccess.open(ServerTimeouts.TELEMETRY));
  }

  /**
   * As {@link #listen(Vertx, String, int, PrometheusMeterRegistry, BooleanSupplier)}, guarded by
   * {@code access}; {@code /readyz} and {@code /} stay outside the auth filter, as in KSM.
   */
  public static Future<HttpServer> listen(
      Vertx vertx,
      String host,
      int port,
      PrometheusMeterRegistry registry,
      BooleanSupplier ready,
      ListenerAccess access) {
    Router router = Router.router(vertx);
    router.route("/metrics").handler(PrometheusScrapingHandler.create(registry));
    router.route("/readyz").handler(ctx -> MainServer.readyz(ctx.response(), ready.getAsBoolean()));
    router.get("/").handler(ctx -> LandingPage.TELEMETRY.send(ctx.response()));
    router
        .route()
        .last()
        .handler(
            ctx ->
                ctx.response()
                    .setStatusCode(404)
                    .putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("404 page not found"));
    HttpServerOptions options = new HttpServerOptions().setCompressionSupported(true);
    return Listener.listen(
        vertx, "telemetry", options, router, host, port, access, Set.of("/readyz", "/"));
  }
}
