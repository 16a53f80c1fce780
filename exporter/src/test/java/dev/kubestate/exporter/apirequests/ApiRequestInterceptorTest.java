package dev.kubestate.exporter.apirequests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.resources.Kinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.http.StandardHttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiRequestInterceptorTest {

  /** Ignores every request. */
  private static final ApiRequests IGNORE =
      new ApiRequests() {
        @Override
        public void listed(String resource, boolean success) {}

        @Override
        public void watched(String resource, boolean success) {}
      };

  private final ApiRequestInterceptor interceptor =
      new ApiRequestInterceptor(new ArrayList<>(Kinds.all().values()), IGNORE, false);

  @Test
  void mapsCollectionPathsToKsmTelemetryNames() {
    assertEquals("*v1.Pod", interceptor.telemetryName("/api/v1/pods"));
    assertEquals("*v1.Pod", interceptor.telemetryName("/api/v1/namespaces/default/pods"));
    assertEquals("*v1.Namespace", interceptor.telemetryName("/api/v1/namespaces"));
    assertEquals("*v1.Deployment", interceptor.telemetryName("/apis/apps/v1/deployments"));
    assertEquals(
        "*v1.Deployment", interceptor.telemetryName("/apis/apps/v1/namespaces/x/deployments"));
  }

  @Test
  void ignoresSingleObjectsAndOtherPaths() {
    assertNull(interceptor.telemetryName("/api/v1/namespaces/default"));
    assertNull(interceptor.telemetryName("/api/v1/namespaces/default/pods/web-0"));
    assertNull(interceptor.telemetryName("/livez"));
    assertNull(interceptor.telemetryName("/api/v1/podtemplates"));
    assertNull(interceptor.telemetryName("/apis/apps/v1/pods"));
    assertNull(interceptor.telemetryName(null));
  }

  @Test
  void onlyConfigMapsAreMetadataOnly() {
    // KSM's configmap families read metadata alone; kube_secret_type needs the Secret's type,
    // which PartialObjectMetadata does not carry, so Secrets are listed in full.
    assertEquals(
        List.of("configmaps"),
        Kinds.all().values().stream()
            .filter(ResourceKind::metadataOnly)
            .map(ResourceKind::resource)
            .toList());
  }

  @Test
  void asksForMetadataOnlyOnConfigMapListsAndWatches() {
    String list = ApiRequestInterceptor.LIST_METADATA_ONLY;
    String watch = ApiRequestInterceptor.WATCH_METADATA_ONLY;
    assertEquals(list, acceptAfter(interceptor, "/api/v1/configmaps?limit=500"));
    assertEquals(list, acceptAfter(interceptor, "/api/v1/namespaces/a/configmaps?limit=500"));
    assertEquals(watch, acceptAfter(interceptor, "/api/v1/configmaps?watch=true"));
    ApiRequestInterceptor selecting =
        interceptor.withShardSelector("shardRange(object.metadata.uid, '0x0', '0x1')");
    assertEquals(list, acceptAfter(selecting, "/api/v1/configmaps?limit=500"));
    assertEquals(watch, acceptAfter(selecting, "/api/v1/configmaps?watch=1&resourceVersion=7"));
  }

  @Test
  void leavesTheAcceptOfEveryOtherRequestAlone() {
    for (ResourceKind<?> kind : Kinds.all().values()) {
      if (kind.metadataOnly()) {
        continue;
      }
      String path = collectionPath(kind);
      assertEquals("application/json", acceptAfter(interceptor, path + "?limit=500"), path);
      assertEquals("application/json", acceptAfter(interceptor, path + "?watch=true"), path);
    }
    assertEquals("application/json", acceptAfter(interceptor, "/api/v1/namespaces/a/configmaps/x"));
  }

  /** The Accept header of a GET of {@code path} sent as JSON, after the interceptor. */
  private static String acceptAfter(ApiRequestInterceptor interceptor, String path) {
    StandardHttpRequest.Builder builder = new StandardHttpRequest.Builder();
    builder.uri("https://api.example:6443" + path).header("Accept", "application/json");
    interceptor.before(builder, builder.build(), null);
    return builder.build().header("Accept");
  }

  private static String collectionPath(ResourceKind<?> kind) {
    @SuppressWarnings("unchecked")
    Class<? extends HasMetadata> type = (Class<? extends HasMetadata>) kind.type();
    String version = HasMetadata.getVersion(type);
    String prefix =
        kind.group().isEmpty() ? "/api/" + version : "/apis/" + kind.group() + "/" + version;
    return prefix + "/" + kind.resource();
  }
}
