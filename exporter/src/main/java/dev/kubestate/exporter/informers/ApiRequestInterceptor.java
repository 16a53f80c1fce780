package dev.kubestate.exporter.informers;

import dev.kubestate.exporter.metrics.ResourceKind;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.http.AsyncBody;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A fabric8 HTTP interceptor that recognises LIST and WATCH requests for the exported kinds,
 * reports them to {@link ApiRequests} (KSM's {@code kube_state_metrics_list_total} /
 * {@code watch_total}), and, with {@code useApiserverCache}, adds {@code resourceVersion=0} to a
 * first-page LIST so the API server answers from its watch cache (KSM's
 * {@code --use-apiserver-cache}). Requests for other paths pass untouched. Immutable;
 * thread-safe.
 */
public final class ApiRequestInterceptor implements Interceptor {

  /** The name under which the interceptor is registered with the client. */
  public static final String NAME = "kube-state-exporter-requests";

  private final Map<String, String> telemetryNames;
  private final ApiRequests requests;
  private final boolean useApiserverCache;

  /**
   * @param kinds the kinds whose requests are recognised
   * @param requests told about each LIST and WATCH
   * @param useApiserverCache whether to LIST with {@code resourceVersion=0}
   */
  public ApiRequestInterceptor(
      List<ResourceKind<?>> kinds, ApiRequests requests, boolean useApiserverCache) {
    Map<String, String> names = new HashMap<>();
    for (ResourceKind<?> k : kinds) {
      names.put(key(k.type()), k.telemetryName());
    }
    this.telemetryNames = Map.copyOf(names);
    this.requests = requests;
    this.useApiserverCache = useApiserverCache;
  }

  private static <T> String key(Class<T> type) {
    @SuppressWarnings("unchecked")
    Class<? extends HasMetadata> t = (Class<? extends HasMetadata>) type;
    return HasMetadata.getGroup(t) + "/" + HasMetadata.getPlural(t);
  }

  @Override
  public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
    if (!useApiserverCache || classify(request) != Call.LIST) {
      return;
    }
    URI uri = request.uri();
    String query = uri.getRawQuery();
    if (query != null && (hasParam(query, "resourceVersion") || hasParam(query, "continue"))) {
      return;
    }
    String q =
        query == null || query.isEmpty() ? "resourceVersion=0" : query + "&resourceVersion=0";
    try {
      builder.uri(
          new URI(uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "?" + q));
    } catch (URISyntaxException e) {
      // The client built this URI itself; leave the request as it is.
    }
  }

  @Override
  public void after(
      HttpRequest request,
      HttpResponse<?> response,
      AsyncBody.Consumer<List<ByteBuffer>> consumer) {
    // A watch over a WebSocket is accepted with 101 Switching Protocols.
    report(request, response.isSuccessful() || response.code() == 101);
  }

  @Override
  public void afterConnectionFailure(HttpRequest request, Throwable failure) {
    report(request, false);
  }

  private void report(HttpRequest request, boolean success) {
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

  private static boolean hasParam(String query, String name) {
    return query.startsWith(name + "=") || query.contains("&" + name + "=");
  }
}
