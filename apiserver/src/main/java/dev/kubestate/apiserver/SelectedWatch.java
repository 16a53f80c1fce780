package dev.kubestate.apiserver;

import io.fabric8.mockwebserver.crud.AttributeSet;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * One WATCH with a field or shard selector: the events of objects its request selects, in store
 * order, on its WebSocket. An object that starts to match gets ADDED, one that keeps matching
 * MODIFIED, one that stops matching or is deleted DELETED, as the API server's watch cache decides
 * for label and field selectors alike. Events are written by a thread of the watch's own, since the
 * mock's socket waits for each write off the event loop. Thread-safe.
 */
final class SelectedWatch extends WebSocketListener {

  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final long IDLE_SECONDS = 30;

  private final SelectingDispatcher dispatcher;
  private final AttributeSet query;
  private final Selection selection;
  private final ExecutorService sender;
  private final UnaryOperator<String> representation;
  private final long from;
  private volatile WebSocket socket;

  /**
   * A watch of the objects whose stored key matches {@code query} (the mock's resource, namespace
   * and label selector) and that {@code selection} selects, each event's object written as {@code
   * representation} makes it (the stored JSON, or its {@link PartialMetadata}), from the writes
   * after resourceVersion {@code from} (0: from the objects stored now).
   */
  SelectedWatch(
      SelectingDispatcher dispatcher,
      AttributeSet query,
      Selection selection,
      UnaryOperator<String> representation,
      long from) {
    this.dispatcher = dispatcher;
    this.from = from;
    this.representation = representation;
    this.query = query;
    this.selection = selection;
    // One thread keeps the events in order; it ends when idle, so a watch whose socket is never
    // closed (server destroyed under it) holds no thread.
    ThreadPoolExecutor executor =
        new ThreadPoolExecutor(
            1,
            1,
            IDLE_SECONDS,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread t = new Thread(r, "selected-watch-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    executor.allowCoreThreadTimeOut(true);
    this.sender = executor;
  }

  /** Whether the selectors of the request select {@code object}. */
  boolean selects(JsonNode object) {
    return selection.matches(object);
  }

  /** Whether the mock's own part of the request (resource, namespace, labels) takes {@code key}. */
  boolean inQuery(AttributeSet key) {
    return key != null && key.matches(query);
  }

  /** Sends the event {@code change} means for this watch, if any. */
  void offer(ObjectChange change) {
    boolean was =
        change.oldState != null && inQuery(change.oldKey) && selection.matches(change.oldObject());
    boolean is =
        change.newState != null && inQuery(change.newKey) && selection.matches(change.newObject());
    if (was && is) {
      send("MODIFIED", change.newState);
    } else if (was) {
      send("DELETED", change.leftState());
    } else if (is) {
      send("ADDED", change.newState);
    }
  }

  /** The resourceVersion the watch starts after; 0 when it starts from the objects stored now. */
  long from() {
    return from;
  }

  /**
   * Refuses the watch as the API server does when {@code from} has left its history: an ERROR event
   * with a 410 {@code Status} (reason Expired), then the end of the watch.
   */
  void expire(long requested, long oldest) {
    String status =
        "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
            + "\"message\":\"too old resource version: "
            + requested
            + " ("
            + oldest
            + ")\",\"reason\":\"Expired\",\"code\":410}";
    String event = "{\"type\":\"ERROR\",\"object\":" + status + "}";
    try {
      sender.execute(
          () -> {
            socket.send(event);
            socket.close(1000, "");
          });
    } catch (RejectedExecutionException closed) {
      // The client has gone.
    }
  }

  /** Ends the watch from the server's side, after the events already queued. */
  void disconnect() {
    try {
      sender.execute(() -> socket.close(1000, ""));
    } catch (RejectedExecutionException closed) {
      // Already closed.
    }
  }

  /** Queues one event; dropped once the watch is closed. */
  void send(String type, String object) {
    String event =
        "{\"type\":\"" + type + "\",\"object\":" + representation.apply(object) + "}";
    try {
      sender.execute(() -> socket.send(event));
    } catch (RejectedExecutionException closed) {
      // The client has gone; the API server drops its events too.
    }
  }

  @Override
  public void onOpen(WebSocket webSocket, Response response) {
    socket = webSocket;
    dispatcher.open(this);
  }

  @Override
  public void onClosing(WebSocket webSocket, int code, String reason) {
    dispatcher.close(this);
    try {
      sender.execute(() -> webSocket.close(code, reason));
    } catch (RejectedExecutionException closed) {
      // Already closed.
    }
    sender.shutdown();
  }

  @Override
  public void onClosed(WebSocket webSocket, int code, String reason) {
    dispatcher.close(this);
    sender.shutdown();
  }

  @Override
  public void onFailure(WebSocket webSocket, Throwable t, Response response) {
    dispatcher.close(this);
    sender.shutdownNow();
  }
}
