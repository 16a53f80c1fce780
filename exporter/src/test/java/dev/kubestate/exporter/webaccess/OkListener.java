package dev.kubestate.exporter.webaccess;

import dev.kubestate.exporter.server.Listener;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A loopback listener answering "ok" on every path, guarded by a web access under test. */
final class OkListener {

  private OkListener() {}

  /** Binds an ephemeral port on 127.0.0.1 behind {@code access} with KSM's timeouts. */
  static HttpServer start(Vertx vertx, WebAccess access) throws Exception {
    return Listener.listen(
            vertx,
            "test",
            new HttpServerOptions(),
            r -> r.response().end("ok"),
            "127.0.0.1",
            0,
            new ListenerAccess(access, ServerTimeouts.KSM_DEFAULTS),
            Set.of())
        .toCompletionStage()
        .toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
  }
}
