package dev.kubestate.exporter.webaccess;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One listener's request guard, in the toolkit's order: rate limit (429), the configured response
 * headers, basic auth on every path (401 with {@code WWW-Authenticate: Basic}), then the auth
 * filter on every path but {@code openPaths} (KSM's 401, 403, 500 and 503), then the listener's
 * own handler. Bodies are Go's {@code http.Error} text. Event-loop only.
 */
final class RequestGuard implements Handler<HttpServerRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

  private final Vertx vertx;
  private final WebAccess access;
  private final BasicAuth basicAuth;
  private final AccessReviews reviews;
  private final Set<String> openPaths;
  private final Handler<HttpServerRequest> inner;

  RequestGuard(
      Vertx vertx,
      WebAccess access,
      BasicAuth basicAuth,
      AccessReviews reviews,
      Set<String> openPaths,
      Handler<HttpServerRequest> inner) {
    this.vertx = vertx;
    this.access = access;
    this.basicAuth = basicAuth;
    this.reviews = reviews;
    this.openPaths = Set.copyOf(openPaths);
    this.inner = inner;
  }

  @Override
  public void handle(HttpServerRequest request) {
    WebConfig config = access.config();
    HttpServerResponse response = request.response();
    if (!access.bucket().tryTake(System.nanoTime())) {
      error(response, 429, "Too Many Requests");
      return;
    }
    config.headers().forEach(response::putHeader);
    if (config.users().isEmpty()) {
      authorize(request);
      return;
    }
    request.pause();
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    basicAuth
        .check(config.users(), authorization)
        .onComplete(
            r -> {
              if (r.succeeded() && r.result()) {
                authorize(request);
              } else {
                response.putHeader("WWW-Authenticate", "Basic");
                error(response, 401, "Unauthorized");
              }
            });
  }

  private void authorize(HttpServerRequest request) {
    if (reviews == null || openPaths.contains(request.path())) {
      pass(request);
      return;
    }
    request.pause();
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    Future<AccessReviews.Decision> decided;
    try {
      decided = reviews.decide(vertx, authorization, request.path(), request.method().name());
    } catch (RuntimeException e) {
      decided = Future.failedFuture(e);
    }
    decided.onComplete(
        r -> {
          HttpServerResponse response = request.response();
          if (r.failed()) {
            LOG.warn("auth filter: reviewing a request to {} failed: {}", request.path(),
                r.cause().toString());
            error(response, 500, "Internal Server Error");
          } else if (r.result().status() == 200) {
            pass(request);
          } else {
            error(response, r.result().status(), r.result().body());
          }
        });
  }

  private void pass(HttpServerRequest request) {
    if (request.response().closed()) {
      return;
    }
    inner.handle(request);
    request.resume();
  }

  /** Go's {@code http.Error}: the text and a newline, as plain text, not sniffed. */
  static void error(HttpServerResponse response, int status, String text) {
    if (response.ended() || response.closed()) {
      return;
    }
    response
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .putHeader("X-Content-Type-Options", "nosniff")
        .end(text + "\n");
  }
}
