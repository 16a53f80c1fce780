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
import java.time.Duration;
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
  private final ApiFaults faults;
  private volatile MockWebServer server;

  ApiDispatcher(CrudDispatcher store, Discovery discovery, ApiFaults faults) {
    this.store = store;
    this.faults = faults;
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
    if (answer == null) {
      answer = fault(request);
    }
    if (answer != null) {
      return answer;
    }
    MockResponse response = store.dispatch(request);
    Duration delay = faults.delay();
    if (!delay.isZero() && response.getWebSocketListener() == null) {
      response.setBodyDelay(delay);
    }
    if (request.method() == HttpMethod.POST && response.code() == 201) {
      learnKind(response);
    }
    if (response.getWebSocketListener() == null && response.header("Content-Type") == null) {
      // Without it client-go takes the body for the first type it accepted: protobuf.
      response.setHeader("Content-Type", "application/json");
    }
    return response;
  }

  /** The answer a fault in effect gives {@code request}, or null. */
  private MockResponse fault(RecordedRequest request) {
    if (request.method() != HttpMethod.GET) {
      return null;
    }
    String path = request.getPath();
    boolean watch = path.contains("watch=true") || path.contains("watch=1");
    if (watch && faults.refusesWatches()) {
      return Discovery.status(503, "ServiceUnavailable", "the server is refusing watches");
    }
    int code = faults.listFailure();
    if (!watch && code != 0 && isCollection(path)) {
      return Discovery.status(
          code, reasonOf(code), "the server is failing lists with " + code + " (a test fault)");
    }
    return null;
  }

  /** Whether {@code path} names a collection: {@code /api/v1/pods}, {@code /apis/g/v/namespaces/ns/x}. */
  static boolean isCollection(String path) {
    int q = path.indexOf('?');
    String[] segments = (q < 0 ? path : path.substring(0, q)).replaceAll("^/+|/+$", "").split("/");
    int prefix = segments.length > 0 && segments[0].equals("api") ? 2 : 3;
    int rest = segments.length - prefix;
    return rest == 1 || (rest == 3 && segments[prefix].equals("namespaces"));
  }

  private static String reasonOf(int code) {
    return switch (code) {
      case 429 -> "TooManyRequests";
      case 500 -> "InternalError";
      case 503 -> "ServiceUnavailable";
      case 504 -> "Timeout";
      default -> "Failure";
    };
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
