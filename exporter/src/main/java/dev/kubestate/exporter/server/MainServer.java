package dev.kubestate.exporter.server;

import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.exporter.webaccess.ListenerAccess;
import dev.kubestate.exporter.webaccess.ServerTimeouts;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The main listener: {@code /metrics} (gzip when the request accepts it), {@code /healthz},
 * {@code /livez}, {@code /readyz} and a landing page at {@code /}; every other path is 404
 * {@code 404 page not found}, as in KSM.
 *
 * <p>{@code /readyz} is stricter than KSM's (which is 200 as soon as the process runs): here it
 * is 200 only once every informer has listed, so a fresh replica does not serve partial metrics
 * as ready. Every handler is event-loop only.
 */
public final class MainServer implements Handler<HttpServerRequest> {

  /** Idle keep-alive connections are closed after this many seconds (KSM: 5 min). */
  static final int IDLE_TIMEOUT_SECONDS = 300;

  /** Paths the auth filter leaves open (KSM: the probes and the landing page). */
  private static final Set<String> OPEN_PATHS = Set.of("/healthz", "/livez", "/readyz", "/");

  private static final String TEXT = "text/plain; charset=utf-8";

  private final MetricsHandler metrics;
  private final BooleanSupplier ready;
  private final CachedLiveness liveness;
  private final HandlerFailures failures;
  private final Transfers transfers = new Transfers();

  MainServer(
      Supplier<List<MetricsStore<?>>> stores,
      BooleanSupplier ready,
      LivenessCheck liveness,
      RequestDurations durations) {
    this.failures = new HandlerFailures(durations);
    this.metrics = new MetricsHandler(stores, durations, failures, transfers);
    this.ready = ready;
    this.liveness = new CachedLiveness(liveness);
  }

  /** The last resort of this listener: failures so far. */
  HandlerFailures failures() {
    return failures;
  }

  /** The {@code /metrics} responses in progress. */
  Transfers transfers() {
    return transfers;
  }

  /**
   * Binds the main listener.
   *
   * @param stores the stores in output order (ascending resource name)
   * @param ready whether every informer has synced; must be cheap and non-blocking
   * @param liveness the API server check behind {@code /livez}; a probe answers within about
   *     half a second, from the last finished check when the running one is slow
   * @param durations told how long each {@code /metrics} request took
   * @return completes with the bound server
   */
  public static Future<HttpServer> listen(
      Vertx vertx,
      String host,
      int port,
      List<MetricsStore<?>> stores,
      BooleanSupplier ready,
      LivenessCheck liveness,
      RequestDurations durations) {
    return listen(
        vertx, host, port, MetricsHandler.fixed(stores), ready, liveness, durations,
        ListenerAccess.open(ServerTimeouts.KSM_DEFAULTS));
  }

  /**
   * As {@link #listen(Vertx, String, int, List, BooleanSupplier, LivenessCheck,
   * RequestDurations)}, guarded by {@code access}; the probes and {@code /} stay outside the auth
   * filter, as in KSM.
   */
  public static Future<HttpServer> listen(
      Vertx vertx,
      String host,
      int port,
      List<MetricsStore<?>> stores,
      BooleanSupplier ready,
      LivenessCheck liveness,
      RequestDurations durations,
      ListenerAccess access) {
    return listen(
        vertx, host, port, MetricsHandler.fixed(stores), ready, liveness, durations, access);
  }

  /**
   * As {@link #listen(Vertx, String, int, List, BooleanSupplier, LivenessCheck, RequestDurations,
   * ListenerAccess)}, serving the stores {@code stores} supplies at each scrape (the list changes
   * when changed options are applied).
   */
  public static Future<HttpServer> listen(
      Vertx vertx,
      String host,
      int port,
      Supplier<List<MetricsStore<?>>> stores,
      BooleanSupplier ready,
      LivenessCheck liveness,
      RequestDurations durations,
      ListenerAccess access) {
    return new MainServer(stores, ready, liveness, durations).listen(vertx, host, port, access);
  }

  /** Binds this listener on {@code host}:{@code port} guarded by {@code access}. */
  Future<HttpServer> listen(Vertx vertx, String host, int port, ListenerAccess access) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setCompressionSupported(true)
            .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
            .setIdleTimeoutUnit(TimeUnit.SECONDS);
    return Listener.listen(vertx, "metrics", options, this, host, port, access, OPEN_PATHS);
  }

  /**
   * Event-loop only. Every request is answered: a handler that throws gets the last resort's
   * 500 ({@link HandlerFailures}).
   */
  @Override
  public void handle(HttpServerRequest request) {
    failures.run(request, () -> route(request));
  }

  private void route(HttpServerRequest request) {
    String path = request.path();
    switch (path == null ? "" : path) {
      case "/metrics":
        metrics.handle(request);
        break;
      case "/healthz":
        text(request.response(), 200, "OK");
        break;
      case "/livez":
        livez(request);
        break;
      case "/readyz":
        readyz(request.response(), ready.getAsBoolean());
        break;
      case "/":
        LandingPage.MAIN.send(request.response());
        break;
      default:
        text(request.response(), 404, "404 page not found");
        break;
    }
  }

  /** 200 {@code OK} when ready, else 503 {@code Service Unavailable}. Event-loop only. */
  public static void readyz(HttpServerResponse response, boolean ready) {
    if (ready) {
      text(response, 200, "OK");
    } else {
      text(response, 503, "Service Unavailable");
    }
  }

  private void livez(HttpServerRequest request) {
    Future.fromCompletionStage(liveness.probe(), Vertx.currentContext())
        .onComplete(
            r ->
                failures.run(
                    request,
                    () -> {
                      boolean ok = r.succeeded() && Boolean.TRUE.equals(r.result());
                      text(request.response(), ok ? 200 : 503, ok ? "OK" : "Service Unavailable");
                    }));
  }

  static void text(HttpServerResponse response, int status, String body) {
    if (response.ended() || response.closed()) {
      return;
    }
    response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, TEXT).end(body);
  }
}
