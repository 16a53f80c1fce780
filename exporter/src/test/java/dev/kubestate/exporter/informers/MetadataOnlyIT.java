package dev.kubestate.exporter.informers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.apiserver.ApiServerFeatures;
import dev.kubestate.apiserver.SelectingDispatcher;
import dev.kubestate.exporter.apirequests.ApiRequestInterceptor;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ConfigMaps are listed and watched as metadata only ({@code PartialObjectMetadata}): the exporter
 * asks for it on the ConfigMaps LIST and WATCH and on no other kind's, renders every ConfigMap
 * family from it (KSM's configmap families read metadata alone, reference/ksm-metrics.tsv),
 * follows changes through the watch, and the bytes the server sends for ConfigMaps fall below the
 * size of their data. Against a server that ignores the header and sends full ConfigMaps, the same
 * metrics come out.
 */
class MetadataOnlyIT {

  private static final String NS = "config";
  private static final int MAPS = 12;
  private static final int DATA_BYTES = 64 * 1024;

  @ParameterizedTest(name = "API server honours the metadata-only Accept: {0}")
  @ValueSource(booleans = {true, false})
  void configMapsAreExportedFromMetadataAndFollowTheWatch(boolean honours) throws Exception {
    ApiServerFeatures features = ApiServerFeatures.withShardSelector();
    CountingDispatcher counting =
        new CountingDispatcher(
            new SelectingDispatcher(
                honours ? features : features.withoutPartialObjectMetadata()),
            "/configmaps");
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(), new MockWebServer(), new HashMap<>(), counting, false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    KubernetesClient client = server.createClient();
    try {
      seed(client);
      long seeded = counting.bytes();
      try (Exporter exporter =
          Exporter.start(
              TestExporters.config(
                  client.getConfiguration(),
                  "--resources=configmaps,namespaces",
                  "--metric-labels-allowlist=configmaps=[team]",
                  "--metric-annotations-allowlist=configmaps=[note]"),
              TestExporters.strictEventLoop())) {
        Await.until("sync", exporter::isSynced, s -> s);
        // Before the test's own (full) LIST below.
        long synced = counting.bytes() - seeded;
        assertEquals(expected(client), configMapLines(Endpoints.metrics(exporter, "")));
        if (honours) {
          assertTrue(synced < MAPS * DATA_BYTES / 16, "bytes sent for ConfigMaps: " + synced);
        } else {
          assertTrue(synced > MAPS * DATA_BYTES, "bytes sent for ConfigMaps: " + synced);
        }
        change(client);
        Set<String> changed = expected(client);
        Await.until(
            "the watched changes",
            () -> configMapLines(Endpoints.metrics(exporter, "")),
            changed::equals);
      }
      assertAcceptHeaders(counting.gets());
    } finally {
      CrudApiServer.stop(client, server);
    }
  }

  /** Every ConfigMaps LIST and WATCH asks for metadata; no other request does. */
  private static void assertAcceptHeaders(List<CountingDispatcher.Get> gets) {
    int lists = 0;
    int watches = 0;
    for (CountingDispatcher.Get get : gets) {
      String accept = get.accept() == null ? "" : get.accept();
      if (get.path().startsWith("/api/v1/configmaps?")) {
        boolean watch = get.path().contains("watch=true");
        assertEquals(
            watch
                ? ApiRequestInterceptor.WATCH_METADATA_ONLY
                : ApiRequestInterceptor.LIST_METADATA_ONLY,
            accept,
            get.path());
        lists += watch ? 0 : 1;
        watches += watch ? 1 : 0;
      } else {
        assertFalse(accept.contains("PartialObjectMetadata"), get.toString());
      }
    }
    assertTrue(lists >= 1 && watches >= 1, gets.toString());
  }

  private static void seed(KubernetesClient client) {
    client
        .namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName(NS).endMetadata().build())
        .create();
    String data = "x".repeat(DATA_BYTES);
    for (int i = 0; i < MAPS; i++) {
      client
          .configMaps()
          .inNamespace(NS)
          .resource(
              new ConfigMapBuilder()
                  .withNewMetadata()
                  .withName("cm-" + i)
                  .addToLabels("team", "t" + i % 3)
                  .addToAnnotations("note", "n" + i)
                  .endMetadata()
                  .addToData("blob", data)
                  .build())
          .create();
    }
  }

  /** Relabels one ConfigMap, deletes one and creates one. */
  private static void change(KubernetesClient client) {
    client
        .configMaps()
        .inNamespace(NS)
        .withName("cm-0")
        .edit(
            c ->
                new ConfigMapBuilder(c)
                    .editMetadata()
                    .addToLabels("team", "moved")
                    .endMetadata()
                    .build());
    client.configMaps().inNamespace(NS).withName("cm-1").delete();
    client
        .configMaps()
        .inNamespace(NS)
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("cm-new")
                .addToLabels("team", "new")
                .endMetadata()
                .addToData("blob", "y")
                .build())
        .create();
  }

  /**
   * The configmap lines KSM writes for the ConfigMaps the server holds now (creation timestamps
   * only checked for presence: the mock sets them).
   */
  private static Set<String> expected(KubernetesClient client) {
    Set<String> out = new TreeSet<>();
    for (ConfigMap cm : client.configMaps().inNamespace(NS).list().getItems()) {
      String id = "namespace=\"" + NS + "\",configmap=\"" + cm.getMetadata().getName() + "\"";
      out.add("kube_configmap_info{" + id + "} 1");
      out.add("kube_configmap_created{" + id + "}");
      out.add(
          "kube_configmap_labels{"
              + id
              + ",label_team=\""
              + cm.getMetadata().getLabels().get("team")
              + "\"} 1");
      if (cm.getMetadata().getAnnotations() != null
          && cm.getMetadata().getAnnotations().containsKey("note")) {
        out.add(
            "kube_configmap_annotations{"
                + id
                + ",annotation_note=\""
                + cm.getMetadata().getAnnotations().get("note")
                + "\"} 1");
      } else {
        out.add("kube_configmap_annotations{" + id + "} 1");
      }
      out.add(
          "kube_configmap_metadata_resource_version{"
              + id
              + "} "
              + Long.parseLong(cm.getMetadata().getResourceVersion()));
    }
    return out;
  }

  /** The configmap sample lines of a body, values as integers, creation timestamps dropped. */
  private static Set<String> configMapLines(String body) {
    Set<String> out = new TreeSet<>();
    for (String line : Endpoints.lines(body)) {
      if (!line.startsWith("kube_configmap_")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      String series = line.substring(0, space);
      if (series.startsWith("kube_configmap_created{")) {
        out.add(series);
      } else {
        out.add(series + " " + (long) Double.parseDouble(line.substring(space + 1)));
      }
    }
    return out;
  }
}
