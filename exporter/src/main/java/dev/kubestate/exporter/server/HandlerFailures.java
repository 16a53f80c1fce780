package dev.kubestate.exporter.server;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort of one listener: runs every handler step of a request (the first call and each
 * callback a response in progress gets) so that an exception cannot leave the request unanswered.
 * A step that throws answers 500 {@code Internal Server Error} when no byte of the response has
 * been sent, and otherwise closes the connection (the status is gone, and a client must not take
 * a cut body for a whole one); either way the request is answered once. Each failure is counted
 * (here and through {@link RequestDurations#handlerFailed}); at most one log line per {@link
 * #LOG_INTERVAL_SECONDS}, without a stack trace, names the request and the error, since anyone
 * who can reach the port can repeat a request that fails. Thread-safe.
 */
final class HandlerFailures {

  private static final Logger LOG = LoggerFactory.getLogger(HandlerFailures.class);

  /** At most one log line per this many seconds. */
  static final long LOG_INTERVAL_SECONDS = 10;

  private static final long LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS);

  private final RequestDurations report;
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL_NANOS);

  /** @param report told of every failure; must not throw */
  HandlerFailures(RequestDurations report) {
    this.report = report;
  }

  /** Failures so far. */
  long count() {
    return failures.get();
  }

  /** {@code handler} run through {@link #run}. */
  Handler<HttpServerRequest> guard(Handler<HttpServerRequest> handler) {
    return request -> run(request, () -> handler.handle(request));
  }

  /**
   * Runs {@code step} of {@code request}'s handling; if it throws, answers the request as the
   * class describes. Event-loop only.
   */
  void run(HttpServerRequest request, Runnable step) {
    try {
      step.run();
    } catch (VirtualMachineError e) {
      failed(request, e);
      throw e;
    } catch (RuntimeException | Error e) {
      failed(request, e);
    }
  }

  /** Answers {@code request} after its handler failed with {@code error}, counts and logs it. */
  void failed(HttpServerRequest request, Throwable error) {
    long n = failures.incrementAndGet();
    try {
      report.handlerFailed();
    } catch (RuntimeException e) {
      // Telemetry must not stop the answer.
    }
    long now = System.nanoTime();
    long last = lastLog.get();
    if (now - last >= LOG_INTERVAL_NANOS && lastLog.compareAndSet(last, now)) {
      LOG.error(
          "{} {}: the handler failed ({} failures so far), answered 500 or closed: {}",
          request.method().name(),
          pathOf(request),
          n,
          error.toString());
    }
    answer(request);
  }

  private static void answer(HttpServerRequest request) {
    HttpServerResponse response = request.response();
    try {
      if (response.ended() || response.closed()) {
        return;
      }
      if (response.headWritten()) {
        request.connection().close();
        return;
      }
      response.headers().clear();
      response
          .setChunked(false)
          .setStatusCode(500)
          .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
          .end("Internal Server Error\n");
    } catch (RuntimeException e) {
      request.connection().close();
    }
  }

  /** The request's path for a log line: at most 100 characters, control characters as '?'. */
  private static String pathOf(HttpServerRequest request) {
    String path = request.path();
    if (path == null) {
      return "?";
    }
    StringBuilder b = new StringBuilder(Math.min(path.length(), 100));
    for (int i = 0; i < path.length() && i < 100; i++) {
      char c = path.charAt(i);
      b.append(c < 0x20 || c == 0x7f ? '?' : c);
    }
    return b.toString();
  }
}
