package dev.kubestate.exporter.webaccess;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@code --auth-filter}: a bearer token is authenticated with a TokenReview, then the user is
 * authorised with a SubjectAccessReview of the non-resource URL (the request path) and the
 * lower-cased method as verb, as KSM does. Decisions are cached as KSM's filter caches them
 * (authenticated tokens 1 min, allowed 5 min, denied and unauthenticated 30 s), keyed by a SHA-256
 * of the token, at most {@value #MAX_CACHED} entries per cache; a failed API call is not cached.
 * Thread-safe; the API calls run on Vert.x worker threads.
 */
public final class AccessReviews {

  static final int MAX_CACHED = 4096;
  private static final long TOKEN_OK_NANOS = 60_000_000_000L;
  private static final long ALLOW_NANOS = 300_000_000_000L;
  private static final long DENY_NANOS = 30_000_000_000L;

  /** What the filter decided; {@code user} names the reviewed user for 403's body. */
  record Decision(int status, String user) {
    static final Decision ALLOW = new Decision(200, "");
    static final Decision UNAUTHENTICATED = new Decision(401, "");
  }

  private record Cached<T>(T value, long expiresNanos) {}

  private final KubernetesClient client;
  private final LongSupplier clock;
  private final Map<String, Cached<UserInfo>> tokens = new ConcurrentHashMap<>();
  private final Map<String, Cached<Boolean>> access = new ConcurrentHashMap<>();

  AccessReviews(KubernetesClient client, LongSupplier nanoClock) {
    this.client = client;
    this.clock = nanoClock;
  }

  /** Reviews through {@code client}, which must be allowed to create both review kinds. */
  public static AccessReviews through(KubernetesClient client) {
    return new AccessReviews(client, System::nanoTime);
  }

  /**
   * Decides a request. Event-loop only; a cache miss calls the API on a worker.
   *
   * @param authorization the request's {@code Authorization} header, or null
   * @return completes with the decision; fails when an API call fails (the caller answers 500)
   */
  Future<Decision> decide(Vertx vertx, String authorization, String path, String method) {
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
    UserInfo user = known == null ? authenticate(token, tokenKey) : known.value();
    if (user == null) {
      return Decision.UNAUTHENTICATED;
    }
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
    boolean allowed =
        answer.getStatus() != null && Boolean.TRUE.equals(answer.getStatus().getAllowed());
    put(access, accessKey(tokenKey, path, verb), allowed, allowed ? ALLOW_NANOS : DENY_NANOS);
    return decision(allowed, user);
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
    put(tokens, tokenKey, user, ok ? TOKEN_OK_NANOS : DENY_NANOS);
    return user;
  }

  private static Decision decision(boolean allowed, UserInfo user) {
    return allowed ? Decision.ALLOW : new Decision(403, user.getUsername());
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

}
