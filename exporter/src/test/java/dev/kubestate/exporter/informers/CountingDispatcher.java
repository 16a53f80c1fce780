package dev.kubestate.exporter.informers;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A dispatcher that counts what the server sends for requests whose path contains a marker
 * (e.g. {@code /configmaps}): the bytes of response bodies and of every WebSocket frame of a
 * watch, and records every GET with its {@code Accept} header.
 */
final class CountingDispatcher extends Dispatcher {

  /** One GET as received: its path and query, and its {@code Accept} header (may be null). */
  record Get(String path, String accept) {}

  private final Dispatcher delegate;
  private final String marker;
  private final AtomicLong bytes = new AtomicLong();
  private final List<Get> gets = new CopyOnWriteArrayList<>();

  CountingDispatcher(Dispatcher delegate, String marker) {
    this.delegate = delegate;
    this.marker = marker;
  }

  /** Bytes sent so far for requests whose path contains the marker. */
  long bytes() {
    return bytes.get();
  }

  /** Every GET received so far, in order. */
  List<Get> gets() {
    return List.copyOf(gets);
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    if ("GET".equals(request.getMethod())) {
      gets.add(new Get(request.getPath(), request.getHeader("Accept")));
    }
    MockResponse response = delegate.dispatch(request);
    if (response == null || !request.getPath().contains(marker)) {
      return response;
    }
    WebSocketListener listener = response.getWebSocketListener();
    if (listener != null) {
      return response.withWebSocketUpgrade(new Counted(listener));
    }
    if (response.getBody() != null) {
      bytes.addAndGet(response.getBody().size());
    }
    return response;
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }

  /** A watch whose frames are counted on their way out. */
  private final class Counted extends WebSocketListener {
    private final WebSocketListener delegate;

    Counted(WebSocketListener delegate) {
      this.delegate = delegate;
    }

    private WebSocket counting(WebSocket socket) {
      return new WebSocket() {
        @Override
        public RecordedRequest request() {
          return socket.request();
        }

        @Override
        public boolean send(String text) {
          bytes.addAndGet(text.getBytes(StandardCharsets.UTF_8).length);
          return socket.send(text);
        }

        @Override
        public boolean send(byte[] data) {
          bytes.addAndGet(data.length);
          return socket.send(data);
        }

        @Override
        public boolean close(int code, String reason) {
          return socket.close(code, reason);
        }
      };
    }

    @Override
    public void onBeforeAccept(WebSocket webSocket, Response response) {
      delegate.onBeforeAccept(webSocket, response);
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      delegate.onOpen(counting(webSocket), response);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      delegate.onMessage(webSocket, text);
    }

    @Override
    public void onMessage(WebSocket webSocket, ByteString bytes) {
      delegate.onMessage(webSocket, bytes);
    }

    @Override
    public void onMessage(WebSocket webSocket, byte[] bytes) {
      delegate.onMessage(webSocket, bytes);
    }

    @Override
    public void onPing(WebSocket webSocket, byte[] data) {
      delegate.onPing(webSocket, data);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      delegate.onClosing(webSocket, code, reason);
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      delegate.onClosed(webSocket, code, reason);
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      delegate.onFailure(webSocket, t, response);
    }
  }
}
