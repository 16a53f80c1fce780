package dev.kubestate.exporter.server;

import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.exporter.testing.TestExporters;
import dev.kubestate.exporter.webaccess.ListenerAccess;
import dev.kubestate.exporter.webaccess.ServerTimeouts;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The main listener on loopback over one store of ConfigMaps, fed directly (as an informer
 * feeds it), so a test controls objects and versions. Every ConfigMap {@code cm-<i>} of
 * namespace {@code ns} carries its version {@code v} in four of its five families: label and
 * annotation {@code v}, {@code metadata.resourceVersion} = v and a creation time of v seconds
 * (the fifth, {@code kube_configmap_info}, has no variable part), plus a padding label that sets
 * the body's size. Readiness and liveness are always true.
 */
final class ServedConfigMaps implements AutoCloseable {

  final Vertx vertx;
  final MainServer main;
  final MetricsStore<ConfigMap> store;
  final int port;
  private final String padding;

  @SuppressWarnings("unchecked")
  private ServedConfigMaps(VertxOptions options, int paddingBytes) throws Exception {
    List<MetricsStore<?>> stores =
        TestExporters.config(
                Config.empty(),
                "--resources=configmaps",
                "--metric-labels-allowlist=configmaps=[*]",
                "--metric-annotations-allowlist=configmaps=[*]")
            .metrics()
            .newStores(RenderFailures.IGNORE);
    store = (MetricsStore<ConfigMap>) stores.get(0);
    padding = "p".repeat(paddingBytes);
    vertx = Vertx.vertx(options);
    main =
        new MainServer(
            MetricsHandler.fixed(stores), () -> true, () -> CompletableFuture.completedFuture(true),
            RequestDurations.IGNORE);
    HttpServer server =
        main.listen(vertx, "127.0.0.1", 0, ListenerAccess.open(ServerTimeouts.KSM_DEFAULTS))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    port = server.actualPort();
  }

  /** {@code objects} ConfigMaps at version 1, each with {@code paddingBytes} of padding. */
  static ServedConfigMaps start(VertxOptions options, int objects, int paddingBytes)
      throws Exception {
    ServedConfigMaps served = new ServedConfigMaps(options, paddingBytes);
    for (int i = 0; i < objects; i++) {
      served.put(i, 1);
    }
    return served;
  }

  /** Puts ConfigMap {@code i} at version {@code version} (greater than its last). */
  void put(int i, long version) {
    ConfigMap cm =
        new ConfigMapBuilder()
            .withNewMetadata()
            .withNamespace("ns")
            .withName("cm-" + i)
            .withUid(uid(i))
            .withResourceVersion(Long.toString(version))
            .withCreationTimestamp(Instant.ofEpochSecond(version).toString())
            .withLabels(Map.of("v", Long.toString(version), "pad", padding))
            .withAnnotations(Map.of("v", Long.toString(version)))
            .endMetadata()
            .build();
    store.put(uid(i), Long.toString(version), cm);
  }

  void delete(int i) {
    store.delete(uid(i));
  }

  static String uid(int i) {
    return String.format(java.util.Locale.ROOT, "00000000-0000-0000-0000-%012d", i);
  }

  @Override
  public void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
