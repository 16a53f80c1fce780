package dev.kubestate.exporter.server;

import dev.kubestate.exporter.exposition.ExpositionBuffer;
import dev.kubestate.exporter.store.Scrape;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.concurrent.TimeUnit;

/**
 * One {@code /metrics} body being written: a state machine with exactly one way forward from
 * each waiting state. It writes chunks of about {@link #CHUNK_BYTES} for at most {@link
 * #TURN_NANOS} per event-loop turn, then waits: for the connection's queue to drain (when it is
 * full), for its own writes to complete (when it has {@link #MAX_QUEUED_BYTES} in flight), or for
 * a {@link #YIELD_MILLIS} timer (when the turn is used up). The drain handler, the write
 * completions and the timer each resume the transfer only from the state that armed them, so no
 * callback can run it twice (a drain, a completion or a timer firing while another way forward is
 * armed, or inside a write, is ignored), write after the end or write to a response that failed; a
 * timer, unlike a task
 * posted to the context, lets the event loop read sockets before it resumes, so probes and other
 * connections on the same loop are served between turns of a large body.
 *
 * <p>Memory: one chunk buffer, plus at most {@link #MAX_QUEUED_BYTES} and one chunk in flight,
 * whatever the body's size or the client's speed; all of it is released when the body ends, the
 * client leaves, the connection fails, or the write timeout cuts it off. Event-loop only: every
 * method runs on the connection's loop, and every step runs through {@link HandlerFailures}.
 */
final class ScrapeTransfer {

  /** Target size of one written chunk, in bytes (64 KiB). */
  static final int CHUNK_BYTES = 64 * 1024;

  /**
   * Most body bytes a transfer keeps handed to its connection and not yet written to the socket
   * (128 KiB); past it the transfer waits until its writes complete down to {@link
   * #CHUNK_BYTES}. Vert.x's own write queue limit counts messages (about 16 chunks here), so this
   * is what bounds a slow client's share of memory.
   */
  static final long MAX_QUEUED_BYTES = 2L * CHUNK_BYTES;

  /** Longest a transfer writes in one event-loop turn before it yields, in ns (2 ms). */
  static final long TURN_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  /** How long a transfer that used up its turn waits before the next, in ms. */
  static final long YIELD_MILLIS = 1;

  /**
   * A response not finished after this many milliseconds is cut off by closing its connection,
   * so a client that stops reading cannot hold a transfer forever (KSM's default {@code
   * --server-write-timeout}, 60 s).
   */
  static final long WRITE_TIMEOUT_MILLIS = 60_000;

  private enum State {
    WRITING,
    AWAITING_DRAIN,
    AWAITING_WRITTEN,
    AWAITING_TURN,
    DONE
  }

  private final HttpServerRequest request;
  private final HttpServerResponse response;
  private final Vertx vertx;
  private final HandlerFailures failures;
  private final Transfers transfers;
  private Scrape scrape;
  private ExpositionBuffer chunk = new ExpositionBuffer(CHUNK_BYTES + CHUNK_BYTES / 4);
  private State state = State.WRITING;
  private long turnTimer = -1;
  private long writeTimer = -1;
  private long queuedBytes;

  private ScrapeTransfer(
      HttpServerRequest request,
      Scrape scrape,
      Vertx vertx,
      HandlerFailures failures,
      Transfers transfers) {
    this.request = request;
    this.response = request.response();
    this.scrape = scrape;
    this.vertx = vertx;
    this.failures = failures;
    this.transfers = transfers;
  }

  /**
   * Starts writing {@code scrape} as the body of {@code request}'s response, whose status and
   * headers are set. {@code ended} runs once the response has ended (not when it was cut off).
   */
  static void start(
      HttpServerRequest request,
      Scrape scrape,
      Vertx vertx,
      HandlerFailures failures,
      Transfers transfers,
      Runnable ended) {
    ScrapeTransfer t = new ScrapeTransfer(request, scrape, vertx, failures, transfers);
    transfers.started();
    HttpServerResponse response = request.response();
    response.drainHandler(v -> t.step(() -> t.resume(State.AWAITING_DRAIN)));
    response.closeHandler(v -> t.step(t::release));
    response.exceptionHandler(e -> t.step(t::release));
    response.endHandler(v -> t.step(ended));
    t.writeTimer = vertx.setTimer(WRITE_TIMEOUT_MILLIS, id -> t.step(t::timeOut));
    t.step(t::run);
  }

  /** Runs one step; if it throws, releases the transfer and lets the last resort answer. */
  private void step(Runnable body) {
    try {
      body.run();
    } catch (RuntimeException | Error e) {
      release();
      failures.failed(request, e);
      if (e instanceof VirtualMachineError) {
        throw e;
      }
    }
  }

  private void resume(State from) {
    if (state != from) {
      return;
    }
    state = State.WRITING;
    turnTimer = -1;
    run();
  }

  private void run() {
    long turnEnd = System.nanoTime() + TURN_NANOS;
    while (state == State.WRITING) {
      if (response.writeQueueFull()) {
        state = State.AWAITING_DRAIN;
        return;
      }
      if (queuedBytes >= MAX_QUEUED_BYTES) {
        state = State.AWAITING_WRITTEN;
        return;
      }
      if (System.nanoTime() - turnEnd >= 0) {
        state = State.AWAITING_TURN;
        turnTimer =
            vertx.setTimer(YIELD_MILLIS, id -> step(() -> resume(State.AWAITING_TURN)));
        return;
      }
      chunk.reset();
      boolean done = scrape.fill(chunk, CHUNK_BYTES);
      if (chunk.size() > 0) {
        write(Buffer.buffer(chunk.size()).appendBytes(chunk.array(), 0, chunk.size()));
      }
      if (done) {
        release();
        response.end();
      }
    }
  }

  private void write(Buffer buffer) {
    long n = buffer.length();
    queuedBytes += n;
    transfers.queued(n, queuedBytes);
    response
        .write(buffer)
        .onComplete(
            r -> {
              queuedBytes -= n;
              transfers.released(n);
              if (state == State.AWAITING_WRITTEN && queuedBytes <= CHUNK_BYTES) {
                step(() -> resume(State.AWAITING_WRITTEN));
              }
            });
  }

  private void timeOut() {
    if (state != State.DONE) {
      release();
      request.connection().close();
    }
  }

  /** Ends the transfer's life: no step runs it again, and it holds no buffer or snapshot. */
  private void release() {
    if (state == State.DONE) {
      return;
    }
    state = State.DONE;
    scrape = null;
    chunk = null;
    if (turnTimer >= 0) {
      vertx.cancelTimer(turnTimer);
    }
    vertx.cancelTimer(writeTimer);
    transfers.finished();
  }
}
