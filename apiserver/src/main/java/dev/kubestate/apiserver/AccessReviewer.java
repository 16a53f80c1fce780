package dev.kubestate.apiserver;

import io.fabric8.kubernetes.api.model.authentication.TokenReview;
import io.fabric8.kubernetes.api.model.authentication.TokenReviewStatusBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfoBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewStatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * TokenReview and SubjectAccessReview as the API server answers them: a review POSTed to {@code
 * /apis/authentication.k8s.io/v1/tokenreviews} or {@code
 * /apis/authorization.k8s.io/v1/subjectaccessreviews} comes back with its status filled from the
 * tokens and grants configured here (a token names a user; a grant lets a user use a verb on a
 * non-resource path), and is not stored. {@link #failWith} makes every review answer an error
 * status, as an overloaded or broken API server does. Counts the reviews it answered. Thread-safe.
 */
public final class AccessReviewer {

  static final String TOKEN_REVIEWS = "/apis/authentication.k8s.io/v1/tokenreviews";
  static final String ACCESS_REVIEWS = "/apis/authorization.k8s.io/v1/subjectaccessreviews";

  private final KubernetesSerialization serialization = new KubernetesSerialization();
  private final Map<String, String> users = new ConcurrentHashMap<>();
  private final Set<String> grants = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tokenReviews = new AtomicInteger();
  private final AtomicInteger accessReviews = new AtomicInteger();
  private volatile int failStatus;

  /** Authenticates {@code token} as {@code user}. */
  public void addToken(String token, String user) {
    users.put(token, user);
  }

  /** Lets {@code user} use {@code verb} on the non-resource URL {@code path}. */
  public void grant(String user, String verb, String path) {
    grants.add(user + ' ' + verb + ' ' + path);
  }

  /** Answers every review with HTTP {@code status} (0: answer normally). */
  public void failWith(int status) {
    failStatus = status;
  }

  /** TokenReviews answered so far. */
  public int tokenReviews() {
    return tokenReviews.get();
  }

  /** SubjectAccessReviews answered so far. */
  public int accessReviews() {
    return accessReviews.get();
  }

  /** The answer to a POST of {@code body} to {@code path}, or null when it is not a review. */
  MockResponse answer(String path, String body) {
    String bare = path == null ? "" : path.split("\\?", 2)[0];
    boolean token = bare.equals(TOKEN_REVIEWS);
    if (!token && !bare.equals(ACCESS_REVIEWS)) {
      return null;
    }
    (token ? tokenReviews : accessReviews).incrementAndGet();
    if (failStatus != 0) {
      return new MockResponse()
          .setResponseCode(failStatus)
          .setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":"
              + failStatus + "}");
    }
    return new MockResponse()
        .setResponseCode(201)
        .setBody(token ? tokenReview(body) : accessReview(body));
  }

  private String tokenReview(String body) {
    TokenReview review = serialization.unmarshal(body, TokenReview.class);
    String user = users.get(review.getSpec().getToken());
    review.getSpec().setToken(null);
    review.setStatus(
        user == null
            ? new TokenReviewStatusBuilder().withAuthenticated(false).build()
            : new TokenReviewStatusBuilder()
                .withAuthenticated(true)
                .withUser(new UserInfoBuilder().withUsername(user).withUid("uid-" + user).build())
                .build());
    return serialization.asJson(review);
  }

  private String accessReview(String body) {
    SubjectAccessReview review = serialization.unmarshal(body, SubjectAccessReview.class);
    var spec = review.getSpec();
    var attributes = spec.getNonResourceAttributes();
    boolean allowed =
        attributes != null
            && grants.contains(spec.getUser() + ' ' + attributes.getVerb() + ' '
                + attributes.getPath());
    review.setStatus(new SubjectAccessReviewStatusBuilder().withAllowed(allowed).build());
    return serialization.asJson(review);
  }
}
