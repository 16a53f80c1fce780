package dev.kubestate.exporter.webaccess;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --auth-filter}: a bearer token is authenticated with a TokenReview, then the user is
 * authorised with a SubjectAccessReview of the non-resource URL (the request path) and the
 * lower-cased method as verb, as KSM does. Decisions are cached as KSM's filter caches them
 * (token reviews 1 min whatever their answer, allowed 5 min, denied 30 s), keyed by a SHA-256 of
 * the token, at most {@value #MAX_CACHED} entries per cache; a failed API call is not cached.
 * Statuses and bodies are KSM's (controller-runtime's filter): 401 {@code Unauthorized}, 403
 * {@code Authorization denied for user U}, 500 {@code Authentication failed} when the TokenReview
 * fails, 500 {@code Authorization for user U failed} when the SubjectAccessReview fails, and 503
 * {@code auth filter unavailable} when the review client could not be built. Thread-safe; the API
 * calls run on Vert.x worker threads.
 */
public final class AccessReviews implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AccessReviews.class);

  static final int MAX_CACHED = 4096;

  /**
   * The bound on connecting to the API server and on each review call. A cache miss costs two
   * calls in a row, so even a hanging API server answers within Prometheus' default 10 s scrape
   * timeout; there are no retries, unlike KSM's (five, with backoff).
   */
  public static final Duration REVIEW_TIMEOUT = Duration.ofSeconds(3);

  private static final long TOKEN_NANOS = 60_000_000_000L;
  private static final long ALLOW_NANOS = 300_000_000_000L;
  private static final long DENY_NANOS = 30_000_000_000L;

  /** What the filter decided: the status, and the body of a refusal (without newline). */
  record Decision(int status, String body) {
    static final Decision ALLOW = new Decision(200, "");
    static final Decision UNAUTHENTICATED = new Decision(401, "Unauthorized");
    static final Decision AUTHENTICATION_FAILED = new Decision(500, "Authentication failed");
    static final Decision UNAVAILABLE = new Decision(503, "auth filter unavailable");

    static Decision denied(String user) {
      return new Decision(403, "Authorization denied for user " + user);
    }

    static Decision authorizationFailed(String user) {
      return new Decision(500, "Authorization for user " + user + " failed");
    }
  }

  private record Cached<T>(T value, long expiresNanos) {}

  private final KubernetesClient client;
  private final LongSupplier clock;
  private final Map<String, Cached<UserInfo>> tokens = new ConcurrentHashMap<>();
  private final Map<String, Cached<Boolean>> access = new ConcurrentHashMap<>();

  /**
   * @param client the review client, which must be allowed to create both review kinds; null: the
   *     client could not be built, every guarded request is answered 503
   */
  AccessReviews(KubernetesClient client, LongSupplier nanoClock) {
    this.client = client;
    this.clock = nanoClock;
  }

  /**
   * Reviews through a client of its own for the API server of {@code kubernetes}, with retries
   * off and {@link #REVIEW_TIMEOUT} on connecting and on each call, its HTTP on {@code vertx}.
   * When that client cannot be built the filter answers 503 {@code auth filter unavailable}, as
   * KSM's. Closed with {@link #close}.
   */
  public static AccessReviews connect(Config kubernetes, Vertx vertx) {
    return connect(kubernetes, vertx, REVIEW_TIMEOUT);
  }

  static AccessReviews connect(Config kubernetes, Vertx vertx, Duration timeout) {
    int millis = (int) timeout.toMillis();
    KubernetesClient client;
    try {
      client =
          new KubernetesClientBuilder()
              .withConfig(
                  new ConfigBuilder(kubernetes)
                      .withRequestRetryBackoffLimit(0)
                      .withConnectionTimeout(millis)
                      .withRequestTimeout(millis)
                      .build())
              .withHttpClientFactory(new Vertx5HttpClientFactory(vertx))
              .build();
    } catch (RuntimeException e) {
      LOG.error("auth filter unavailable: cannot build the review client: {}", e.toString());
      client = null;
    }
    return new AccessReviews(client, System::nanoTime);
  }

  /**
   * Decides a request. Event-loop only; a cache miss calls the API on a worker.
   *
   * @param authorization the request's {@code Authorization} header, or null
   * @return completes with the decision, including the 500 of a failed API call
   */
  Future<Decision> decide(Vertx vertx, String authorization, String path, String method) {
    if (client == null) {
      return Future.succeededFuture(Decision.UNAVAILABLE);
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Future.succeededFuture(Decision.UNAUTHENTICATED);
    }
    String token = authorization.substring(7).trim();
    if (token.isEmpty()) {
      return Future.succeededFuture(Decision.UNAUTHENTICATED);
    }
    String tokenKey = digest(token);
    String verb = method.toLowerCase(Locale.ROOT);
    long now = clock.getAsLong();
    Cached<UserInfo> user = fresh(tokens, tokenKey, now);
    if (user != null) {
      if (user.value() == null) {
        return Future.succeededFuture(Decision.UNAUTHENTICATED);
      }
      Cached<Boolean> allowed = fresh(access, accessKey(tokenKey, path, verb), now);
      if (allowed != null) {
        return Future.succeededFuture(decision(allowed.value(), user.value()));
      }
    }
    return vertx.executeBlocking(() -> review(token, tokenKey, path, verb), false);
  }

  private Decision review(String token, String tokenKey, String path, String verb) {
    Cached<UserInfo> known = fresh(tokens, tokenKey, clock.getAsLong());
    UserInfo user;
    if (known != null) {
      user = known.value();
    } else {
      try {
        user = authenticate(token, tokenKey);
      } catch (RuntimeException e) {
        LOG.warn("auth filter: the TokenReview failed: {}", e.toString());
        return Decision.AUTHENTICATION_FAILED;
      }
    }
    if (user == null) {
      return Decision.UNAUTHENTICATED;
    }
    boolean allowed;
    try {
      allowed = authorize(user, path, verb);
    } catch (RuntimeException e) {
      LOG.warn("auth filter: the SubjectAccessReview of {} failed: {}", path, e.toString());
      return Decision.authorizationFailed(user.getUsername());
    }
    put(access, accessKey(tokenKey, path, verb), allowed, allowed ? ALLOW_NANOS : DENY_NANOS);
    return decision(allowed, user);
  }

  private boolean authorize(UserInfo user, String path, String verb) {
    SubjectAccessReview sar =
        new SubjectAccessReviewBuilder()
            .withNewSpec()
            .withUser(user.getUsername())
            .withUid(user.getUid())
            .withGroups(user.getGroups())
            .withExtra(user.getExtra())
            .withNewNonResourceAttributes()
            .withPath(path)
            .withVerb(verb)
            .endNonResourceAttributes()
            .endSpec()
            .build();
    SubjectAccessReview answer = client.resource(sar).create();
    return answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }

  /** The token's user, or null when the API server does not authenticate it. */
  private UserInfo authenticate(String token, String tokenKey) {
    TokenReview review =
        client.resource(new TokenReviewBuilder().withNewSpec().withToken(token).endSpec().build())
            .create();
    boolean ok =
        review.getStatus() != null
            && Boolean.TRUE.equals(review.getStatus().getAuthenticated())
            && review.getStatus().getUser() != null;
    UserInfo user = ok ? review.getStatus().getUser() : null;
    put(tokens, tokenKey, user, TOKEN_NANOS);
    return user;
  }

  private static Decision decision(boolean allowed, UserInfo user) {
    return allowed ? Decision.ALLOW : Decision.denied(user.getUsername());
  }

  private static String accessKey(String tokenKey, String path, String verb) {
    return tokenKey + ' ' + verb + ' ' + path;
  }

  private static <T> Cached<T> fresh(Map<String, Cached<T>> cache, String key, long now) {
    Cached<T> c = cache.get(key);
    return c != null && now - c.expiresNanos() < 0 ? c : null;
  }

  private <T> void put(Map<String, Cached<T>> cache, String key, T value, long ttlNanos) {
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(key, new Cached<>(value, clock.getAsLong() + ttlNanos));
  }

  static String digest(String token) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /** Closes the review client. */
  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
  }
}
