package dev.kubestate.exporter.process;

import dev.kubestate.exporter.apirequests.ApiRequestInterceptor;
import dev.kubestate.exporter.apirequests.SelectingClients;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import io.vertx.core.Vertx;

/**
 * Opens fabric8 clients of one API server on the exporter's client Vert.x, each carrying the
 * exporter's {@link ApiRequestInterceptor}; as {@link SelectingClients}, clients whose interceptor
 * also adds a shard selector. Immutable; the caller closes what it opens.
 */
final class KubernetesClients implements SelectingClients {

  private final Config kubernetes;
  private final Vertx vertx;
  private final ApiRequestInterceptor interceptor;

  KubernetesClients(Config kubernetes, Vertx vertx, ApiRequestInterceptor interceptor) {
    this.kubernetes = kubernetes;
    this.vertx = vertx;
    this.interceptor = interceptor;
  }

  /** A client with the plain interceptor. */
  KubernetesClient open() {
    return open(interceptor);
  }

  @Override
  public KubernetesClient open(String selector) {
    return open(interceptor.withShardSelector(selector));
  }

  private KubernetesClient open(ApiRequestInterceptor with) {
    return new KubernetesClientBuilder()
        .withConfig(kubernetes)
        .withHttpClientFactory(new Vertx5HttpClientFactory(vertx))
        .withHttpClientBuilderConsumer(
            b -> b.addOrReplaceInterceptor(ApiRequestInterceptor.NAME, with))
        .build();
  }
}
