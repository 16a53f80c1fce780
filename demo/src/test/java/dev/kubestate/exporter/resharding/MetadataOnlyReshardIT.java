package dev.kubestate.exporter.resharding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubestate.apiserver.ApiServerFeatures;
import dev.kubestate.apiserver.EmbeddedApiServer;
import dev.kubestate.demo.world.SyntheticCluster;
import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.process.ExporterConfig;
import dev.kubestate.exporter.process.Sharding;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import dev.kubestate.exporter.testing.TestStatefulSets;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * ConfigMaps, listed and watched as metadata only ({@code PartialObjectMetadata}), through a live
 * re-shard with server-side sharding: the shards of 2, then of 3 after a resize (the new
 * assignment's range slices listing through selecting clients of their own), each serve exactly
 * the ConfigMaps whose UIDs the consistent-ranges map gives them, together every ConfigMap once;
 * a label changed after the resize reaches the shard that owns the ConfigMap through its watch.
 */
class MetadataOnlyReshardIT {

  private static final String NS = "monitoring";
  private static final String SET = "kse";
  private static final ShardMap MAP = ShardMap.consistentRanges();
  private static final Pattern INFO =
      Pattern.compile(
          "(?m)^kube_configmap_info\\{namespace=\"([^\"]+)\",configmap=\"([^\"]+)\"}");

  private final Map<Integer, Exporter> exporters = new TreeMap<>();
  private EmbeddedApiServer api;

  @AfterEach
  void stop() {
    exporters.values().forEach(Exporter::close);
    if (api != null) {
      api.close();
    }
  }

  @Test
  void shardsServeTheirConfigMapsOnceBeforeAndAfterAResize() throws Exception {
    api = EmbeddedApiServer.start(0, ApiServerFeatures.withShardSelector());
    SyntheticCluster cluster = SyntheticCluster.generate(5, 5, 100);
    api.seed(cluster.objects());
    Map<String, String> uidByKey = new TreeMap<>();
    for (HasMetadata o : cluster.objects()) {
      if (o instanceof ConfigMap) {
        uidByKey.put(key(o.getMetadata().getNamespace(), o.getMetadata().getName()), uid(o));
      }
    }
    KubernetesClient client = api.client();
    TestStatefulSets fleet = TestStatefulSets.create(client, NS, SET, 2, 3);
    for (int k = 0; k < 2; k++) {
      exporters.put(k, Exporter.start(automatic(k), TestExporters.strictEventLoop()));
    }
    awaitServingOwned(uidByKey, 2);

    fleet.scale(3);
    exporters.put(2, Exporter.start(automatic(2), TestExporters.strictEventLoop()));
    fleet.reportReady(3);
    awaitServingOwned(uidByKey, 3);

    String changed = uidByKey.keySet().iterator().next();
    String[] nsName = changed.split("/");
    client
        .configMaps()
        .inNamespace(nsName[0])
        .withName(nsName[1])
        .edit(
            c ->
                new ConfigMapBuilder(c)
                    .editMetadata()
                    .addToLabels("moved", "yes")
                    .endMetadata()
                    .build());
    int owner = MAP.shardOf(uidByKey.get(changed), 3);
    String line =
        "kube_configmap_labels{namespace=\""
            + nsName[0]
            + "\",configmap=\""
            + nsName[1]
            + "\",label_moved=\"yes\"} 1";
    Await.until(
        "the owner serves the changed label",
        () -> Endpoints.metrics(exporters.get(owner), ""),
        body -> body.contains(line));
  }

  /** Waits until shards 0..total-1 each serve exactly the ConfigMaps they own at {@code total}. */
  private void awaitServingOwned(Map<String, String> uidByKey, int total) {
    Set<String> union = new TreeSet<>();
    int served = 0;
    for (int k = 0; k < total; k++) {
      Set<String> owned = new TreeSet<>();
      for (Map.Entry<String, String> e : uidByKey.entrySet()) {
        if (MAP.owns(new Shard(k, total), e.getValue())) {
          owned.add(e.getKey());
        }
      }
      Exporter e = exporters.get(k);
      Set<String> actual =
          Await.until(
              "shard " + k + " of " + total + " serving exactly the ConfigMaps it owns",
              () ->
                  telemetry(e).contains("\nkube_state_exporter_shard_handoff 0.0")
                      ? servedKeys(e)
                      : null,
              owned::equals);
      union.addAll(actual);
      served += actual.size();
    }
    assertEquals(uidByKey.keySet(), union, "every ConfigMap served at " + total);
    assertEquals(uidByKey.size(), served, "a ConfigMap served twice at " + total);
  }

  private static Set<String> servedKeys(Exporter e) {
    Set<String> out = new TreeSet<>();
    Matcher m = INFO.matcher(Endpoints.metrics(e, ""));
    while (m.find()) {
      out.add(key(m.group(1), m.group(2)));
    }
    return out;
  }

  private ExporterConfig automatic(int k) {
    return TestExporters.sharded(
        TestExporters.config(
            api.config(), "--resources=configmaps", "--metric-labels-allowlist=configmaps=[moved]"),
        Sharding.automatic(MAP, NS, SET + "-" + k, ServerSideSharding.ON));
  }

  private static String telemetry(Exporter e) {
    return Endpoints.get(e.telemetryPort(), "/metrics").body();
  }

  private static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  private static String uid(HasMetadata o) {
    return o.getMetadata().getUid();
  }
}
