package dev.kubestate.apiserver;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.crud.CrudDispatcher;
import io.fabric8.mockwebserver.dsl.HttpMethod;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the test API server answers, in order: discovery and other non-resource paths ({@link
 * Discovery}), scale subresources ({@link ScaleSubresource}), then objects, from the store's
 * dispatcher, with strategic merge patches applied as JSON merge patches (the store knows only the
 * latter) and protobuf bodies refused with 415. An object created over HTTP adds its kind to
 * discovery. Outlives the HTTP servers it is installed in, so a server stopped and started again
 * serves the same objects with their resourceVersions continuing. Thread-safe.
 */
final class ApiDispatcher extends Dispatcher {

  /** Requests between two trims of the mock web server's log of every request it received. */
  private static final long TRIM_EVERY = 1_000;

  private final CrudDispatcher store;
  private final Discovery discovery;
  private final ScaleSubresource scale;
  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final AtomicLong requests = new AtomicLong();
  private volatile MockWebServer server;

  ApiDispatcher(CrudDispatcher store, Discovery discovery) {
    this.store = store;
    this.discovery = discovery;
    this.scale = new ScaleSubresource(store, discovery::resource);
  }

  /** The web server this dispatcher serves now; its request log is trimmed as requests come. */
  void servedBy(MockWebServer server) {
    this.server = server;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    trimLog();
    String type = request.getHeader("Content-Type");
    if (type != null && type.startsWith("application/vnd.kubernetes.protobuf")) {
      // The store reads JSON only; unanswered, a protobuf body would leave the client waiting.
      return Discovery.status(
          415,
          "UnsupportedMediaType",
          "the test API server reads JSON bodies only, not "
              + type
              + " (kubectl create <kind> sends protobuf; kubectl apply, patch, label, scale send"
              + " JSON)");
    }
    if (request.method() == HttpMethod.GET) {
      MockResponse answer = discovery.answer(request.getPath());
      if (answer != null) {
        return answer;
      }
    }
    if (request.method() == HttpMethod.PATCH
        && type != null
        && type.startsWith("application/strategic-merge-patch+json")) {
      request = asMergePatch(request);
    }
    MockResponse answer = scale.answer(request);
    if (answer != null) {
      return answer;
    }
    MockResponse response = store.dispatch(request);
    if (request.method() == HttpMethod.POST && response.code() == 201) {
      learnKind(response);
    }
    if (response.getWebSocketListener() == null && response.header("Content-Type") == null) {
      // Without it client-go takes the body for the first type it accepted: protobuf.
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  /**
   * {@code request} with its strategic merge patch sent as a JSON merge patch, which the store
   * applies: the same for maps such as labels and annotations (kubectl label, annotate), while a
   * list in the patch replaces the stored one instead of being merged by key.
   */
  private static RecordedRequest asMergePatch(RecordedRequest request) {
    Headers headers =
        request
            .getHeaders()
            .newBuilder()
            .removeAll("Content-Type")
            .removeAll("content-type")
            .add("Content-Type", "application/merge-patch+json")
            .build();
    return new RecordedRequest(
        request.getHttpVersion(),
        request.method(),
        request.getPath(),
        headers,
        new Buffer(request.getBody() == null ? new byte[0] : request.getBody().getBytes()));
  }

  private void learnKind(MockResponse created) {
    try {
      Object object =
          serialization.unmarshal(new String(created.getBody().getBytes(), StandardCharsets.UTF_8));
      if (object instanceof HasMetadata && !(object instanceof GenericKubernetesResource)) {
        discovery.register(((HasMetadata) object).getClass());
      }
    } catch (RuntimeException e) {
      // Not a typed object: served, not listed in discovery.
    }
  }

  /**
   * The mock web server keeps every request it received (for tests that inspect them); a demo
   * running for hours would fill the heap with them.
   */
  private void trimLog() {
    MockWebServer s = server;
    if (s != null && requests.incrementAndGet() % TRIM_EVERY == 0) {
      s.reset();
    }
  }
}
