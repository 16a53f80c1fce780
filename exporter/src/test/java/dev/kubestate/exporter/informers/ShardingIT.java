package dev.kubestate.exporter.informers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two shards against one API server: each serves exactly the objects whose UIDs map to it, and
 * together they serve every object once. Ownership comes from the UIDs the server assigned.
 */
@ExtendWith(CrudApiServer.class)
class ShardingIT {

  static KubernetesClient client;
  static KubernetesMockServer server;

  private static final Pattern PHASE_ACTIVE =
      Pattern.compile("kube_namespace_status_phase\\{namespace=\"([^\"]+)\",phase=\"Active\"} 1");

  @Test
  void eachShardServesExactlyTheObjectsItOwns() throws Exception {
    Map<String, String> uidByName = new TreeMap<>();
    for (int i = 0; i < 40; i++) {
      Namespace created =
          client
              .resource(
                  new NamespaceBuilder()
                      .withNewMetadata()
                      .withName("ns-" + i)
                      .endMetadata()
                      .withNewStatus()
                      .withPhase("Active")
                      .endStatus()
                      .build())
              .create();
      uidByName.put(created.getMetadata().getName(), created.getMetadata().getUid());
    }
    Set<String> union = new HashSet<>();
    int served = 0;
    for (int ordinal = 0; ordinal < 2; ordinal++) {
      Shard shard = new Shard(ordinal, 2);
      Set<String> expected = new HashSet<>();
      uidByName.forEach(
          (name, uid) -> {
            if (ShardMap.jumpBackHash().owns(shard, uid)) {
              expected.add(name);
            }
          });
      try (Exporter exporter =
          Exporter.start(
              TestExporters.config(
                  client.getConfiguration(),
                  "--resources=namespaces",
                  "--shard=" + ordinal,
                  "--total-shards=2"),
              TestExporters.strictEventLoop())) {
        Await.until("sync", exporter::isSynced, s -> s);
        Set<String> actual = activeNamespaces(Endpoints.metrics(exporter, ""));
        assertEquals(expected, actual, "shard " + ordinal);
        String telemetry = Endpoints.get(exporter.telemetryPort(), "/metrics").body();
        assertTrue(
            telemetry.contains(
                "kube_state_exporter_store_objects{resource=\"namespaces\"} "
                    + expected.size()
                    + ".0"),
            telemetry);
      }
      served += expected.size();
      union.addAll(expected);
    }
    assertEquals(uidByName.keySet(), union);
    assertEquals(uidByName.size(), served, "an object was served by both shards");
  }

  private static Set<String> activeNamespaces(String body) {
    Set<String> out = new HashSet<>();
    Matcher m = PHASE_ACTIVE.matcher(body);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
