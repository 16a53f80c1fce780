package dev.kubestate.exporter.apirequests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.kubestate.exporter.resources.Kinds;
import java.util.ArrayList;
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
}
