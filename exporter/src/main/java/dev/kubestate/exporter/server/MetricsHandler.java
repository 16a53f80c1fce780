package dev.kubestate.exporter.server;

import dev.kubestate.exporter.exposition.ExpositionBuffer;
import dev.kubestate.exporter.exposition.Negotiation;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.exporter.store.Scrape;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Serves {@code /metrics}: negotiates the format from {@code Accept}, selects stores by the
 * {@code resources}/{@code exclude_resources} parameters, and streams the body family-major in
 * chunks of about {@link #CHUNK_BYTES}. A chunk is written only while the response's write queue
 * is not full; otherwise the transfer resumes from the drain handler, so a slow client holds the
 * process to about one chunk plus the socket's queue, never the whole body. After
 * {@link #CHUNKS_PER_TURN} chunks in a row the transfer yields the event loop and continues in a
 * new task, so one fast large scrape does not starve other connections.
 *
 * <p>Event-loop only: runs on the server's event loop, copies pre-rendered bytes and never blocks.
 * Per scrape it allocates one chunk buffer, one Vert.x buffer per chunk written, and one snapshot
 * array per store. Every HTTP method is served, as in KSM.
 */
final class MetricsHandler implements Handler<HttpServerRequest> {

  /** Target size of one written chunk, in bytes (256 KiB). */
  static final int CHUNK_BYTES = 256 * 1024;

  /** Chunks written in one event-loop task before yielding. */
  static final int CHUNKS_PER_TURN = 4;

  /**
   * A response not finished after this many milliseconds is cut off by closing its connection,
   * so a client that stops reading cannot hold a transfer forever (KSM's default
   * {@code --server-write-timeout}, 60 s).
   */
  static final long WRITE_TIMEOUT_MILLIS = 60_000;

  /** The methods KSM's request histogram names; any other is {@code unknown}. */
  private static final Set<String> KNOWN_METHODS =
      Set.of(
          "GET", "PUT", "HEAD", "POST", "DELETE", "CONNECT", "OPTIONS", "NOTIFY", "TRACE", "PATCH");

  private final Supplier<List<MetricsStore<?>>> stores;
  private final RequestDurations durations;

  /**
   * @param stores the stores in output order (ascending resource name)
   * @param durations told the duration of every request that gets a response
   */
  MetricsHandler(List<MetricsStore<?>> stores, RequestDurations durations) {
    this(fixed(stores), durations);
  }

  /**
   * @param stores the stores served, in output order (ascending resource name), read once per
   *     scrape
   * @param durations told the duration of every request that gets a response
   */
  MetricsHandler(Supplier<List<MetricsStore<?>>> stores, RequestDurations durations) {
    this.stores = stores;
    this.durations = durations;
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

  @Override
  public void handle(HttpServerRequest request) {
    long start = System.nanoTime();
    String method = methodLabel(request.method().name());
    serve(request, () -> durations.metricsRequest(method, System.nanoTime() - start));
  }

  /** Answers {@code request}; {@code ended} runs once its response has ended. */
  private void serve(HttpServerRequest request, Runnable ended) {
    Negotiation negotiation = Negotiation.of(request.getHeader(HttpHeaders.ACCEPT));
    ResourceSelection selection;
    try {
      MultiMap params = request.params();
      selection =
          ResourceSelection.of(
              params.contains("resources") ? params.getAll("resources") : null,
              params.getAll("exclude_resources"));
    } catch (IllegalArgumentException e) {
      request.response().endHandler(v -> ended.run());
      MainServer.text(request.response(), 400, "invalid query: " + e.getMessage());
      return;
    }
    Scrape scrape = new Scrape(selection.select(stores.get()), negotiation.format());
    HttpServerResponse response = request.response();
    response.putHeader(HttpHeaders.CONTENT_TYPE, negotiation.contentType()).setChunked(true);
    Transfer transfer = new Transfer(scrape, response, Vertx.currentContext());
    long timer =
        transfer.context.owner().setTimer(WRITE_TIMEOUT_MILLIS, id -> transfer.timeOut(request));
    response.endHandler(
        v -> {
          transfer.context.owner().cancelTimer(timer);
          ended.run();
        });
    transfer.pump();
  }

  /** One response in progress; confined to the connection's event loop. */
  private static final class Transfer {
    private final Scrape scrape;
    private final HttpServerResponse response;
    private final Context context;
    private final ExpositionBuffer chunk = new ExpositionBuffer(CHUNK_BYTES + CHUNK_BYTES / 4);
    private boolean aborted;

    Transfer(Scrape scrape, HttpServerResponse response, Context context) {
      this.scrape = scrape;
      this.response = response;
      this.context = context;
      response.closeHandler(v -> aborted = true);
      response.exceptionHandler(e -> aborted = true);
    }

    void timeOut(HttpServerRequest request) {
      if (!response.ended()) {
        aborted = true;
        request.connection().close();
      }
    }

    void pump() {
      for (int written = 0; !aborted; written++) {
        if (response.writeQueueFull()) {
          response.drainHandler(v -> pump());
          return;
        }
        if (written == CHUNKS_PER_TURN) {
          context.runOnContext(v -> pump());
          return;
        }
        chunk.reset();
        boolean done = scrape.fill(chunk, CHUNK_BYTES);
        if (chunk.size() > 0) {
          response.write(Buffer.buffer(chunk.size()).appendBytes(chunk.array(), 0, chunk.size()));
        }
        if (done) {
          response.end();
          return;
        }
      }
    }
  }
}
