package dev.kubestate.exporter.apirequests;

import dev.kubestate.exporter.metrics.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fabric8 HTTP interceptor that recognises LIST and WATCH requests for the exported kinds,
 * reports them to {@link ApiRequests} (KSM's {@code kube_state_metrics_list_total} /
 * {@code watch_total}), and, with {@code useApiserverCache}, adds {@code resourceVersion=0} to a
 * first-page LIST so the API server answers from its watch cache (KSM's
 * {@code --use-apiserver-cache}). Requests for other paths pass untouched.
 *
 * <p>LIST and WATCH requests of a {@linkplain ResourceKind#metadataOnly() metadata-only} kind ask
 * for the API server's metadata-only representation ({@link #LIST_METADATA_ONLY}, {@link
 * #WATCH_METADATA_ONLY}), with plain JSON as the fallback a server that does not know it answers.
 *
 * <p>An interceptor made {@link #withShardSelector with a shard selector} also adds {@code
 * shardSelector} to every LIST and WATCH of those kinds, reads each successful LIST response as it
 * streams by for {@code metadata.shardInfo} ({@link ShardInfoScanner}), reports whether the API
 * server applied the selector, and logs the first response that shows it ignored it (and the
 * first that shows it applied it), once for all interceptors derived from one. Immutable;
 * thread-safe.
 */
public final class ApiRequestInterceptor implements Interceptor {

  private static final Logger LOG = LoggerFactory.getLogger(ApiRequestInterceptor.class);

  /** The name under which the interceptor is registered with the client. */
  public static final String NAME = "kube-state-exporter-requests";

  /**
   * The {@code Accept} of a LIST of a metadata-only kind: a {@code PartialObjectMetadataList}, or
   * the full list from a server that does not offer it (as client-go's metadata client asks).
   */
  public static final String LIST_METADATA_ONLY =
      "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";

  /** The {@code Accept} of a WATCH of a metadata-only kind: events of PartialObjectMetadata. */
  public static final String WATCH_METADATA_ONLY =
      "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

  /** The query parameter of server-side sharding (Kubernetes 1.36+). */
  static final String SHARD_SELECTOR = "shardSelector";

  private final Map<String, String> telemetryNames;

  /** The telemetry names of the metadata-only kinds. */
  private final Set<String> metadataOnly;

  private final ApiRequests requests;
  private final boolean useApiserverCache;

  /** The URL-encoded selector added to LIST and WATCH, or null. */
  private final String encodedSelector;

  /** Shared by every interceptor derived from one: whether each log line was written. */
  private final AtomicBoolean ignoredLogged;

  private final AtomicBoolean honouredLogged;

  /**
   * @param kinds the kinds whose requests are recognised
   * @param requests told about each LIST and WATCH
   * @param useApiserverCache whether to LIST with {@code resourceVersion=0}
   */
  public ApiRequestInterceptor(
      List<ResourceKind<?>> kinds, ApiRequests requests, boolean useApiserverCache) {
    Map<String, String> names = new HashMap<>();
    Set<String> metadata = new HashSet<>();
    for (ResourceKind<?> k : kinds) {
      names.put(key(k.type()), k.telemetryName());
      if (k.metadataOnly()) {
        metadata.add(k.telemetryName());
      }
    }
    this.telemetryNames = Map.copyOf(names);
    this.metadataOnly = Set.copyOf(metadata);
    this.requests = requests;
    this.useApiserverCache = useApiserverCache;
    this.encodedSelector = null;
    this.ignoredLogged = new AtomicBoolean();
    this.honouredLogged = new AtomicBoolean();
  }

  private ApiRequestInterceptor(ApiRequestInterceptor base, String encodedSelector) {
    this.telemetryNames = base.telemetryNames;
    this.metadataOnly = base.metadataOnly;
    this.requests = base.requests;
    this.useApiserverCache = base.useApiserverCache;
    this.encodedSelector = encodedSelector;
    this.ignoredLogged = base.ignoredLogged;
    this.honouredLogged = base.honouredLogged;
  }

  /**
   * This interceptor, also adding {@code shardSelector=<selector>} to every LIST and WATCH of the
   * recognised kinds and checking the LIST responses for {@code metadata.shardInfo}.
   *
   * @param selector e.g. {@code shardRange(object.metadata.uid, '0x00..', '0x80..')}, not encoded
   */
  public ApiRequestInterceptor withShardSelector(String selector) {
    return new ApiRequestInterceptor(
        this, URLEncoder.encode(selector, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private static <T> String key(Class<T> type) {
    @SuppressWarnings("unchecked")
    Class<? extends HasMetadata> t = (Class<? extends HasMetadata>) type;
    return HasMetadata.getGroup(t) + "/" + HasMetadata.getPlural(t);
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    Call call = classify(request);
    if (call == Call.OTHER) {
      return;
    }
    URI uri = request.uri();
    if (metadataOnly.contains(telemetryName(uri.getRawPath()))) {
      builder.setHeader("Accept", call == Call.LIST ? LIST_METADATA_ONLY : WATCH_METADATA_ONLY);
    }
    String query = uri.getRawQuery();
    StringBuilder q = new StringBuilder(query == null ? "" : query);
    if (useApiserverCache
        && call == Call.LIST
        && !hasParam(q, "resourceVersion")
        && !hasParam(q, "continue")) {
      addParam(q, "resourceVersion", "0");
    }
    if (encodedSelector != null && !hasParam(q, SHARD_SELECTOR)) {
      addParam(q, SHARD_SELECTOR, encodedSelector);
    }
    if (q.toString().equals(query == null ? "" : query)) {
      return;
    }
    try {
      builder.uri(
          new URI(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + q));
    } catch (URISyntaxException e) {
      // The client built this URI itself; leave the request as it is.
    }
  }

  private static void addParam(StringBuilder query, String name, String encodedValue) {
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(name).append('=').append(encodedValue);
  }

  /**
   * With a shard selector, wraps the consumer of a LIST response body so the body is scanned for
   * {@code metadata.shardInfo} on its way to the client; other bodies pass untouched.
   */
  @Override
  public AsyncBody.Consumer<List<ByteBuffer>> consumer(
      AsyncBody.Consumer<List<ByteBuffer>> consumer, HttpRequest request) {
    if (encodedSelector == null || classify(request) != Call.LIST) {
      return consumer;
    }
    String resource = telemetryName(request.uri().getRawPath());
    ShardInfoScanner scanner = new ShardInfoScanner();
    AtomicBoolean reporting = new AtomicBoolean();
    return new AsyncBody.Consumer<>() {
      @Override
      public void consume(List<ByteBuffer> pieces, AsyncBody body) throws Exception {
        if (reporting.compareAndSet(false, true)) {
          body.done().whenComplete((v, failure) -> {
            if (failure == null) {
              answered(resource, scanner.found());
            }
          });
        }
        for (ByteBuffer piece : pieces) {
          scanner.accept(piece);
        }
        consumer.consume(pieces, body);
      }

      @Override
      public <U> U unwrap(Class<U> target) {
        return consumer.unwrap(target);
      }
    };
  }

  private void answered(String resource, boolean honoured) {
    requests.shardSelectorAnswered(resource, honoured);
    if (!honoured && ignoredLogged.compareAndSet(false, true)) {
      LOG.warn(
          "the API server ignored shardSelector on a LIST of {} (no metadata.shardInfo in the"
              + " response): it sends this shard every object, which is filtered on the client;"
              + " enable the ShardedListAndWatch feature gate (Kubernetes 1.36+) to save the"
              + " traffic. Logged once.",
          resource);
    } else if (honoured && honouredLogged.compareAndSet(false, true)) {
      LOG.info("the API server applies shardSelector (first seen on a LIST of {})", resource);
    }
  }

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    // A watch over a WebSocket is accepted with 101 Switching Protocols.
    report(request, response.isSuccessful() || response.code() == 101, response.code(), null);
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    report(request, false, 0, failure);
  }

  private void report(HttpRequest request, boolean success, int status, Throwable cause) {
    Call call = classify(request);
    if (call == Call.OTHER) {
      return;
    }
    String resource = telemetryName(request.uri().getRawPath());
    if (call == Call.LIST) {
      requests.listed(resource, success);
    } else {
      requests.watched(resource, success);
    }
    if (!success) {
      requests.failed(resource, call == Call.WATCH, status, cause);
    }
  }

  private enum Call {
    LIST,
    WATCH,
    OTHER
  }

  private Call classify(HttpRequest request) {
    if (!"GET".equals(request.method())) {
      return Call.OTHER;
    }
    URI uri = request.uri();
    if (telemetryName(uri.getRawPath()) == null) {
      return Call.OTHER;
    }
    String query = uri.getRawQuery();
    boolean watch = query != null && (query.contains("watch=true") || query.contains("watch=1"));
    return watch ? Call.WATCH : Call.LIST;
  }

  /**
   * The telemetry name of a collection path ({@code /api/v1/pods},
   * {@code /api/v1/namespaces/ns/pods}, {@code /apis/apps/v1/deployments}), or null for any
   * other path, including single objects.
   */
  String telemetryName(String path) {
    if (path == null) {
      return null;
    }
    String[] s = path.split("/");
    // "" "api" "v1" rest... or "" "apis" group version rest...
    int rest;
    String group;
    if (s.length >= 4 && s[1].equals("api")) {
      group = "";
      rest = 3;
    } else if (s.length >= 5 && s[1].equals("apis")) {
      group = s[2];
      rest = 4;
    } else {
      return null;
    }
    int n = s.length - rest;
    String plural;
    if (n == 1) {
      plural = s[rest];
    } else if (n == 3 && s[rest].equals("namespaces")) {
      plural = s[rest + 2];
    } else {
      return null;
    }
    return telemetryNames.get(group + "/" + plural);
  }

  private static boolean hasParam(CharSequence query, String name) {
    String q = query.toString();
    return q.startsWith(name + "=") || q.contains("&" + name + "=");
  }
}
