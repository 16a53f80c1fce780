package dev.kubestate.exporter.webaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubestate.apiserver.AccessReviewer;
import dev.kubestate.apiserver.EmbeddedApiServer;
import dev.kubestate.exporter.server.Listener;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --auth-filter} against the test API server's TokenReview and SubjectAccessReview, with
 * KSM's statuses and bodies (reference/ksm-behaviour.md, section 12).
 */
class AuthFilterTest {

  private EmbeddedApiServer api;
  private AccessReviewer reviewer;
  private Vertx vertx;
  private int port;
  private KubernetesClient client;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() throws Exception {
    api = EmbeddedApiServer.start(0);
    reviewer = api.accessReviewer();
    reviewer.addToken("t-prometheus", "system:serviceaccount:monitoring:prometheus");
    reviewer.addToken("t-viewer", "viewer");
    reviewer.grant("system:serviceaccount:monitoring:prometheus", "get", "/metrics");
    vertx = Vertx.vertx();
    // No client retries: a failing review should answer now, not after the client's backoff.
    client =
        new KubernetesClientBuilder()
            .withConfig(new ConfigBuilder(api.config()).withRequestRetryBackoffLimit(0).build())
            .build();
    WebAccess access = WebAccess.start(vertx, null, AccessReviews.through(client));
    port =
        Listener.listen(
                vertx,
                "test",
                new HttpServerOptions(),
                r -> r.response().end("ok"),
                "127.0.0.1",
                0,
                new ListenerAccess(access, ServerTimeouts.KSM_DEFAULTS),
                Set.of("/healthz"))
            .toCompletionStage()
            .toCompletableFuture()
            .get(5, TimeUnit.SECONDS)
            .actualPort();
  }

  @AfterEach
  void tearDown() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    client.close();
    api.close();
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void missingOrUnknownTokenIs401() throws Exception {
    HttpResponse<String> none = get("/metrics", null);
    assertEquals(401, none.statusCode());
    assertEquals("Unauthorized\n", none.body());
    assertEquals(401, get("/metrics", "t-stolen").statusCode());
  }

  @Test
  void authenticatedUserWithoutTheGrantIs403NamingTheUser() throws Exception {
    HttpResponse<String> denied = get("/metrics", "t-viewer");
    assertEquals(403, denied.statusCode());
    assertEquals("Authorization denied for user viewer\n", denied.body());
  }

  @Test
  void grantedUserIs200AndASecondScrapeCostsNoApiCall() throws Exception {
    assertEquals(200, get("/metrics", "t-prometheus").statusCode());
    assertEquals(1, reviewer.tokenReviews());
    assertEquals(1, reviewer.accessReviews());
    assertEquals(200, get("/metrics", "t-prometheus").statusCode());
    assertEquals(1, reviewer.tokenReviews(), "the token's review is cached");
    assertEquals(1, reviewer.accessReviews(), "the decision is cached");
    assertEquals(403, get("/other", "t-prometheus").statusCode(), "the grant is per path");
  }

  @Test
  void openPathsNeedNoToken() throws Exception {
    assertEquals(200, get("/healthz", null).statusCode());
    assertEquals(0, reviewer.tokenReviews());
  }

  @Test
  void failingReviewsAre500AndNotCached() throws Exception {
    reviewer.failWith(503);
    assertEquals(500, get("/metrics", "t-prometheus").statusCode());
    reviewer.failWith(0);
    assertEquals(200, get("/metrics", "t-prometheus").statusCode());
  }
}
