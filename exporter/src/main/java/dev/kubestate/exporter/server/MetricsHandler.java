package dev.kubestate.exporter.server;

import dev.kubestate.exporter.exposition.Negotiation;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.exporter.store.Scrape;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Serves {@code /metrics}: negotiates the format from {@code Accept}, selects stores by the
 * {@code resources}/{@code exclude_resources} parameters, and streams the body family-major
 * through a {@link ScrapeTransfer} (bounded chunks, back-pressure, a fair share of the event
 * loop). Every HTTP method is served, as in KSM; a {@code HEAD} gets the status and headers a
 * {@code GET} would, with no body and no scrape. A malformed query (bad percent-encoding) is 400.
 *
 * <p>Event-loop only: copies pre-rendered bytes and never blocks. Per scrape it allocates one
 * chunk buffer, one Vert.x buffer per chunk written, and one snapshot array per store.
 */
final class MetricsHandler implements Handler<HttpServerRequest> {

  /** The methods KSM's request histogram names; any other is {@code unknown}. */
  private static final Set<String> KNOWN_METHODS =
      Set.of(
          "GET", "PUT", "HEAD", "POST", "DELETE", "CONNECT", "OPTIONS", "NOTIFY", "TRACE", "PATCH");

  private final Supplier<List<MetricsStore<?>>> stores;
  private final RequestDurations durations;
  private final HandlerFailures failures;
  private final Transfers transfers;

  /**
   * @param stores the stores served, in output order (ascending resource name), read once per
   *     scrape
   * @param durations told the duration of every request that gets a response
   * @param failures the listener's last resort, through which every step runs
   * @param transfers counts the responses in progress
   */
  MetricsHandler(
      Supplier<List<MetricsStore<?>>> stores,
      RequestDurations durations,
      HandlerFailures failures,
      Transfers transfers) {
    this.stores = stores;
    this.durations = durations;
    this.failures = failures;
    this.transfers = transfers;
  }

  /** A supplier of a copy of {@code stores}. */
  static Supplier<List<MetricsStore<?>>> fixed(List<MetricsStore<?>> stores) {
    List<MetricsStore<?>> copy = List.copyOf(stores);
    return () -> copy;
  }

  /** The method as KSM's request histogram labels it. */
  static String methodLabel(String method) {
    return KNOWN_METHODS.contains(method) ? method.toLowerCase(Locale.ROOT) : "unknown";
  }

  /** Event-loop only. */
  @Override
  public void handle(HttpServerRequest request) {
    long start = System.nanoTime();
    String method = methodLabel(request.method().name());
    serve(request, () -> durations.metricsRequest(method, System.nanoTime() - start));
  }

  /** Answers {@code request}; {@code ended} runs once its response has ended. */
  private void serve(HttpServerRequest request, Runnable ended) {
    Negotiation negotiation = Negotiation.of(request.getHeader(HttpHeaders.ACCEPT));
    HttpServerResponse response = request.response();
    ResourceSelection selection;
    try {
      MultiMap params = request.params();
      selection =
          ResourceSelection.of(
              params.contains("resources") ? params.getAll("resources") : null,
              params.getAll("exclude_resources"));
    } catch (IllegalArgumentException e) {
      response.endHandler(v -> ended.run());
      MainServer.text(response, 400, "invalid query: " + e.getMessage());
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, negotiation.contentType());
    if (request.method() == HttpMethod.HEAD) {
      response.endHandler(v -> ended.run());
      response.end();
      return;
    }
    response.setChunked(true);
    Scrape scrape = new Scrape(selection.select(stores.get()), negotiation.format());
    Vertx vertx = Vertx.currentContext().owner();
    ScrapeTransfer.start(request, scrape, vertx, failures, transfers, ended);
  }
}
