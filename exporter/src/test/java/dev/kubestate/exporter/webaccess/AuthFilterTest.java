package dev.kubestate.exporter.webaccess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.apiserver.AccessReviewer;
import dev.kubestate.apiserver.EmbeddedApiServer;
import dev.kubestate.exporter.server.Listener;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --auth-filter} against the test API server's TokenReview and SubjectAccessReview, with
 * KSM's statuses and bodies (reference/ksm-behaviour.md, section 12; for failed reviews,
 * controller-runtime's metrics filter, which KSM uses).
 */
class AuthFilterTest {

  /** The review timeout of the test against an API server that never answers. */
  private static final Duration TIMEOUT = Duration.ofSeconds(1);

  private EmbeddedApiServer api;
  private AccessReviewer reviewer;
  private Vertx vertx;
  private int port;
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<WebAccess> started = new CopyOnWriteArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    api = EmbeddedApiServer.start(0);
    reviewer = api.accessReviewer();
    reviewer.addToken("t-prometheus", "system:serviceaccount:monitoring:prometheus");
    reviewer.addToken("t-viewer", "viewer");
    reviewer.grant("system:serviceaccount:monitoring:prometheus", "get", "/metrics");
    vertx = Vertx.vertx();
    port = serve(AccessReviews.connect(api.config(), vertx));
  }

  private int serve(AccessReviews reviews) throws Exception {
    WebAccess access = WebAccess.start(vertx, null, reviews);
    started.add(access);
    return Listener.listen(
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
    started.forEach(WebAccess::close);
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    api.close();
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return get(port, path, token);
  }

  private HttpResponse<String> get(int at, String path, String token) throws Exception {
    HttpRequest.Builder r =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at + path))
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
  void tokenReviewsAreCachedAMinuteWhateverTheirAnswerAsKsm() throws Exception {
    AtomicLong now = new AtomicLong();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(api.config()).build();
    try {
      int at = serve(new AccessReviews(client, now::get));
      assertEquals(401, get(at, "/metrics", "t-stolen").statusCode());
      assertEquals(1, reviewer.tokenReviews());
      now.addAndGet(Duration.ofSeconds(59).toNanos());
      assertEquals(401, get(at, "/metrics", "t-stolen").statusCode());
      assertEquals(1, reviewer.tokenReviews(), "an unauthenticated token is cached for 1 min");
      now.addAndGet(Duration.ofSeconds(2).toNanos());
      assertEquals(401, get(at, "/metrics", "t-stolen").statusCode());
      assertEquals(2, reviewer.tokenReviews(), "and reviewed again after it");
    } finally {
      client.close();
    }
  }

  @Test
  void openPathsNeedNoToken() throws Exception {
    assertEquals(200, get("/healthz", null).statusCode());
    assertEquals(0, reviewer.tokenReviews());
  }

  @Test
  void aFailingTokenReviewIs500AuthenticationFailedAndNotCached() throws Exception {
    reviewer.failWith(503);
    HttpResponse<String> failed = get("/metrics", "t-prometheus");
    assertEquals(500, failed.statusCode());
    assertEquals("Authentication failed\n", failed.body());
    reviewer.failWith(0);
    assertEquals(200, get("/metrics", "t-prometheus").statusCode());
  }

  @Test
  void aFailingAccessReviewIs500NamingTheUser() throws Exception {
    assertEquals(200, get("/metrics", "t-prometheus").statusCode());
    reviewer.failWith(500);
    HttpResponse<String> failed = get("/debug", "t-prometheus");
    assertEquals(500, failed.statusCode());
    assertEquals(
        "Authorization for user system:serviceaccount:monitoring:prometheus failed\n",
        failed.body());
  }

  @Test
  void aStoppedApiServerIsAnswered500AtOnceWithoutRetries() throws Exception {
    api.suspend();
    long start = System.nanoTime();
    HttpResponse<String> down = get("/metrics", "t-prometheus");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals(500, down.statusCode());
    assertEquals("Authentication failed\n", down.body());
    // fabric8's default of 10 retries with doubling backoff would take over a minute.
    assertTrue(took.compareTo(AccessReviews.REVIEW_TIMEOUT) < 0, "answered after " + took);
    api.resume();
    assertEquals(200, get("/metrics", "t-prometheus").statusCode());
  }

  @Test
  void anApiServerThatNeverAnswersIsCutOffAtTheTimeout() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread accepting =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept());
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      accepting.setDaemon(true);
      accepting.start();
      Config hanging =
          new ConfigBuilder(api.config())
              .withMasterUrl("http://127.0.0.1:" + silent.getLocalPort() + "/")
              .build();
      int hangingPort = serve(AccessReviews.connect(hanging, vertx, TIMEOUT));
      long start = System.nanoTime();
      HttpResponse<String> answer = get(hangingPort, "/metrics", "t-prometheus");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(500, answer.statusCode());
      assertEquals("Authentication failed\n", answer.body());
      assertTrue(took.compareTo(TIMEOUT.multipliedBy(3)) < 0, "answered after " + took);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void aReviewClientThatCannotBeBuiltAnswers503OnGuardedPathsOnly() throws Exception {
    Config broken =
        new ConfigBuilder(api.config())
            .withClientCertData("not a certificate")
            .withClientKeyData("not a key")
            .build();
    int brokenPort = serve(AccessReviews.connect(broken, vertx, TIMEOUT));
    HttpResponse<String> unavailable = get(brokenPort, "/metrics", "t-prometheus");
    assertEquals(503, unavailable.statusCode());
    assertEquals("auth filter unavailable\n", unavailable.body());
    assertEquals(503, get(brokenPort, "/metrics", null).statusCode());
    assertEquals(200, get(brokenPort, "/healthz", null).statusCode());
  }
}
