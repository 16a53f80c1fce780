package dev.kubestate.apiserver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/** A watch over a plain WebSocket: its events in arrival order, awaited with a deadline. */
final class RawWatch implements AutoCloseable {

  private static final long DEADLINE_SECONDS = 30;

  private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
  private final WebSocket socket;

  /** Opens the watch; {@code headers} are names and values sent with the upgrade request. */
  RawWatch(HttpClient http, URI uri, String... headers) {
    WebSocket.Builder builder = http.newWebSocketBuilder();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    socket =
        builder
            .buildAsync(uri, new Collector())
            .orTimeout(DEADLINE_SECONDS, TimeUnit.SECONDS)
            .join();
  }

  /** The next event ({@code type}, {@code object}). */
  JsonNode next() throws InterruptedException {
    JsonNode event = events.poll(DEADLINE_SECONDS, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no watch event within " + DEADLINE_SECONDS + "s");
    }
    return event;
  }

  @Override
  public void close() {
    socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS);
  }

  private final class Collector implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        events.add(LoopbackApiServer.JSON.readTree(text.toString()));
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
