package dev.kubestate.exporter.apirequests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.informers.NodeScope;
import dev.kubestate.exporter.process.ClusterWatch;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.process.ExporterConfig;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.TestExporters;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the informers ask the API server for (reference/ksm-behaviour.md section 7): one LIST/WATCH
 * per watched namespace for namespaced kinds and one for cluster-scoped kinds, {@code
 * metadata.namespace!=} per denied namespace on namespaced kinds only, and {@code
 * resourceVersion=0} on LISTs with {@code --use-apiserver-cache}.
 */
@ExtendWith(CrudApiServer.class)
class ListRequestsIT {

  static KubernetesClient client;
  static KubernetesMockServer server;

  @Test
  void namespacesDenylistAndApiserverCacheShapeTheRequests() throws Exception {
    ExporterConfig base =
        TestExporters.config(client.getConfiguration(), "--resources=namespaces,pods");
    ExporterConfig config =
        TestExporters.watching(
            base,
            new ClusterWatch(
                base.cluster().kubernetes(),
                List.of("team-a", "team-b"),
                List.of("kube-system"),
                NodeScope.all(),
                true));
    List<String> requests = new ArrayList<>();
    try (Exporter exporter = Exporter.start(config, TestExporters.strictEventLoop())) {
      Await.until("sync", exporter::isSynced, s -> s);
      for (RecordedRequest r; (r = server.takeRequest(1, TimeUnit.SECONDS)) != null; ) {
        requests.add(r.getMethod() + " " + URLDecoder.decode(r.getPath(), StandardCharsets.UTF_8));
      }
    }
    String all = String.join("\n", requests);
    for (String ns : new String[] {"team-a", "team-b"}) {
      assertTrue(
          requests.stream()
              .anyMatch(
                  r ->
                      r.startsWith("GET /api/v1/namespaces/" + ns + "/pods?")
                          && r.contains("fieldSelector=metadata.namespace!=kube-system")
                          && r.contains("resourceVersion=0")
                          && !r.contains("watch=")),
          all);
    }
    assertTrue(
        requests.stream()
            .anyMatch(
                r ->
                    r.startsWith("GET /api/v1/namespaces?")
                        && r.contains("resourceVersion=0")
                        && !r.contains("fieldSelector")),
        all);
    assertFalse(all.contains("GET /api/v1/pods"), all);
  }
}
