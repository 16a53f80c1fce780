package dev.kubestate.exporter.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The last resort on a real server on loopback: a handler that throws, at once or in a later
 * callback, still answers its request once (500 before the body, a closed connection after);
 * every failure is counted and reported; the log gets one line without a stack trace, at most one
 * per interval however many requests fail.
 */
class HandlerFailuresTest {

  private final Vertx vertx = Vertx.vertx();
  private final AtomicInteger reported = new AtomicInteger();
  private final HandlerFailures failures =
      new HandlerFailures(
          new RequestDurations() {
            @Override
            public void metricsRequest(String method, long nanos) {}

            @Override
            public void handlerFailed() {
              reported.incrementAndGet();
            }
          });

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private int serve(Handler<HttpServerRequest> handler) throws Exception {
    return vertx
        .createHttpServer()
        .requestHandler(failures.guard(handler))
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS)
        .actualPort();
  }

  @Test
  void aThrowingHandlerIsAnswered500OnceWithOneLogLine() throws Exception {
    int port =
        serve(
            request -> {
              request.response().putHeader("Content-Type", "text/html").setChunked(true);
              throw new ArrayIndexOutOfBoundsException("Index 0 out of bounds for length 0");
            });
    try (CapturedLog log = CapturedLog.capture()) {
      for (int i = 0; i < 50; i++) {
        RawHttp.Response r = RawHttp.get(port, "/metrics", "Accept: ;");
        assertEquals(500, r.status());
        assertEquals("Internal Server Error\n", r.text());
        assertEquals("text/plain; charset=utf-8", r.headers().get("content-type"));
      }
      List<String> lines = log.from(HandlerFailures.class.getName());
      assertEquals(1, lines.size(), lines.toString());
      assertTrue(
          lines.get(0).startsWith("ERROR " + HandlerFailures.class.getName() + " - GET /metrics:"),
          lines.get(0));
      assertTrue(lines.get(0).contains("ArrayIndexOutOfBoundsException"), lines.get(0));
      assertTrue(!lines.get(0).contains("\n"), "no stack trace: " + lines.get(0));
    }
    assertEquals(50, failures.count());
    assertEquals(50, reported.get());
  }

  @Test
  void aCallbackThatThrowsMidBodyClosesTheConnection() throws Exception {
    int port =
        serve(
            request -> {
              request.response().setChunked(true).write("# HELP a b\n");
              vertx.setTimer(
                  10,
                  id ->
                      failures.run(
                          request,
                          () -> {
                            throw new IllegalStateException("Response has already been written");
                          }));
            });
    IOException cut = assertThrows(IOException.class, () -> RawHttp.get(port, "/metrics"));
    assertTrue(cut.getMessage().contains("cut off"), cut.getMessage());
    assertEquals(1, failures.count());
  }
}
