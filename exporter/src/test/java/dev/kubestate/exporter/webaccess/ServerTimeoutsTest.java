package dev.kubestate.exporter.webaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.server.Listener;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read-header bound cuts a trickling client off without holding up other requests. */
class ServerTimeoutsTest {

  private Vertx vertx;
  private int port;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    ServerTimeouts timeouts =
        new ServerTimeouts(
            Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofSeconds(1));
    port =
        Listener.listen(
                vertx,
                "test",
                new HttpServerOptions(),
                r -> r.response().end("ok"),
                "127.0.0.1",
                0,
                ListenerAccess.open(timeouts),
                Set.of())
            .toCompletionStage()
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS)
            .actualPort();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private int scrape() throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  void aClientTricklingHeadersIsCutOffWhileOthersAreServed() throws Exception {
    try (Socket slow = new Socket("127.0.0.1", port)) {
      slow.setSoTimeout(100);
      OutputStream out = slow.getOutputStream();
      InputStream in = slow.getInputStream();
      byte[] request = "GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
          .getBytes(StandardCharsets.US_ASCII);
      boolean closed = false;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      for (int i = 0; !closed && System.nanoTime() < deadline; i = (i + 1) % request.length) {
        try {
          out.write(request[i]);
          out.flush();
          assertEquals(200, scrape(), "another scrape while the slow client trickles");
          closed = in.read() == -1;
        } catch (java.net.SocketTimeoutException e) {
          // nothing to read yet: still open
        } catch (IOException e) {
          closed = true;
        }
      }
      assertTrue(closed, "the trickling connection is closed at the read-header timeout");
    }
  }

  @Test
  void aHundredIdleConnectionsDoNotStopAScrape() throws Exception {
    List<Socket> idle = new ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        idle.add(new Socket("127.0.0.1", port));
      }
      assertEquals(200, scrape());
    } finally {
      for (Socket s : idle) {
        s.close();
      }
    }
  }
}
