package dev.kubestate.exporter.resharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Server-side sharding against our test API server, once honouring {@code shardSelector} and once
 * ignoring it as an older server does: each shard serves exactly what it owns either way; with a
 * honouring server it receives nothing else, and a resize lists only the hash ranges a shard
 * gains. The test API server replays every selected object as ADDED when a watch opens (see
 * {@link dev.kubestate.apiserver.SelectingDispatcher}); the informer passes on such a
 * replay only for objects its item store does not hold, i.e. the ones the shard dropped, so an
 * object this shard keeps is counted received once, and one it drops at least once.
 */
class ServerSideShardingIT {

  private static final String NS = "monitoring";
  private static final String SET = "kse";
  private static final Pattern POD_UID =
      Pattern.compile("(?m)^kube_pod_info\\{[^}]*\\buid=\"([^\"]+)\"");
  private static final ShardMap MAP = ShardMap.consistentRanges();
  private static final String RECEIVED = "kube_state_exporter_objects_received_total";
  private static final String KEPT = "kube_state_exporter_objects_kept_total";
  private static final String DROPPED = "kube_state_exporter_shard_dropped_total";

  private final Map<Integer, Exporter> exporters = new TreeMap<>();
  private EmbeddedApiServer api;

  @AfterEach
  void stop() {
    exporters.values().forEach(Exporter::close);
    if (api != null) {
      api.close();
    }
  }

  @ParameterizedTest(name = "API server honours shardSelector: {0}")
  @ValueSource(booleans = {true, false})
  void eachShardKeepsItsRangesAndReceivesOnlyThemFromAHonouringServer(boolean honours)
      throws Exception {
    api =
        EmbeddedApiServer.start(
            0,
            honours
                ? ApiServerFeatures.withShardSelector()
                : ApiServerFeatures.withoutShardSelector());
    SyntheticCluster cluster = SyntheticCluster.generate(11, 5, 300);
    api.seed(cluster.objects());
    List<String> uids = uids(cluster.pods());
    for (int k = 0; k < 3; k++) {
      exporters.put(k, Exporter.start(staticShard(k, 3), TestExporters.strictEventLoop()));
    }
    for (int k = 0; k < 3; k++) {
      Exporter e = exporters.get(k);
      Set<String> owned = owned(uids, new Shard(k, 3));
      long others = uids.size() - owned.size();
      String telemetry =
          Await.until(
              "shard " + k + " received every object it is sent",
              () -> telemetry(e),
              t ->
                  counter(t, KEPT, "pods") >= owned.size()
                      && counter(t, DROPPED, "pods") >= (honours ? 0 : others)
                      // Counters are read one by one: equal once no event is in flight.
                      && counter(t, RECEIVED, "pods")
                          == counter(t, KEPT, "pods") + counter(t, DROPPED, "pods"));
      assertEquals(owned, served(e), "pods served by shard " + k);
      assertEquals(owned.size(), counter(telemetry, KEPT, "pods"), "kept by shard " + k);
      if (honours) {
        assertEquals(owned.size(), counter(telemetry, RECEIVED, "pods"), "received by " + k);
        assertEquals(0, counter(telemetry, DROPPED, "pods"), "dropped by shard " + k);
      } else {
        assertEquals(
            counter(telemetry, KEPT, "pods") + counter(telemetry, DROPPED, "pods"),
            counter(telemetry, RECEIVED, "pods"),
            "every object received by shard " + k + " is kept or dropped");
      }
      assertTrue(
          telemetry.contains(
              "kube_state_exporter_shard_selector_lists_total{honoured=\""
                  + honours
                  + "\",resource=\"*v1.Pod\"}"),
          telemetry);
      assertTrue(
          !telemetry.contains(
              "kube_state_exporter_shard_selector_lists_total{honoured=\"" + !honours + "\""),
          "no LIST answered the other way: " + telemetry);
      assertTrue(telemetry.contains("\nkube_state_exporter_shard_server_side 1.0"), telemetry);
    }
    watchesCarryTheSelectorToo(honours, uids);
  }

  /**
   * Pods created after the shards synced reach them through their watches only: a shard of a
   * honouring server receives just the ones it owns, a shard of an ignoring one all of them.
   */
  private void watchesCarryTheSelectorToo(boolean honours, List<String> uids) {
    long[] receivedBefore = received();
    List<String> late = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      byte[] seed = ("late-" + i).getBytes(StandardCharsets.UTF_8);
      String uid = UUID.nameUUIDFromBytes(seed).toString();
      late.add(uid);
      api.client()
          .pods()
          .inNamespace("default")
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName("late-" + i)
                  .withUid(uid)
                  .endMetadata()
                  .build())
          .create();
    }
    List<String> all = new ArrayList<>(uids);
    all.addAll(late);
    for (int k = 0; k < 3; k++) {
      Exporter e = exporters.get(k);
      Set<String> owned = owned(all, new Shard(k, 3));
      long lateOwned = owned(late, new Shard(k, 3)).size();
      long expected = receivedBefore[k] + (honours ? lateOwned : late.size());
      Await.until(
          "shard " + k + " received the late pods sent to it",
          () -> telemetry(e),
          t -> counter(t, RECEIVED, "pods") >= expected && served(e).equals(owned));
      if (honours) {
        assertEquals(
            expected,
            counter(telemetry(e), RECEIVED, "pods"),
            "late pods received by shard " + k + " of which " + lateOwned + " it owns");
      }
      // Ignoring, the count also includes the opening watch's replay of every object the shard
      // dropped, which may still have been arriving when receivedBefore was read.
    }
  }

  @Test
  void resizingListsOnlyTheGainedRanges() throws Exception {
    api = EmbeddedApiServer.start(0, ApiServerFeatures.withShardSelector());
    api.seed(SyntheticCluster.generate(12, 5, 400).objects());
    KubernetesClient client = api.client();
    TestStatefulSets fleet = TestStatefulSets.create(client, NS, SET, 2, 3);
    for (int k = 0; k < 2; k++) {
      exporters.put(k, Exporter.start(automatic(k), TestExporters.strictEventLoop()));
    }
    List<String> uids = new ArrayList<>(uids(client.pods().inAnyNamespace().list().getItems()));
    awaitServingOwned(uids, 2);
    awaitWatchReplays(client, uids, 2);
    long[] before = received();

    fleet.scale(3);
    exporters.put(2, Exporter.start(automatic(2), TestExporters.strictEventLoop()));
    fleet.reportReady(3);
    awaitServingOwned(uids, 3);
    long[] grown = received();
    for (int k = 0; k < 2; k++) {
      assertEquals(before[k], grown[k], "shard " + k + " only loses when growing: no new list");
    }
    assertEquals(owned(uids, new Shard(2, 3)).size(), grown[2], "the new shard's share");

    fleet.scale(2);
    fleet.reportReady(2);
    exporters.remove(2).close();
    awaitServingOwned(uids, 2);
    long[] shrunk = received();
    for (int k = 0; k < 2; k++) {
      Set<String> gained = owned(uids, new Shard(k, 2));
      gained.removeAll(owned(uids, new Shard(k, 3)));
      assertEquals(
          gained.size(),
          shrunk[k] - grown[k],
          "shard " + k + " lists exactly the objects of the ranges it gains");
    }
  }

  /**
   * Waits until the test API server has finished replaying the objects every shard's watch
   * selected (see the class comment): it creates one pod per shard, owned by that shard, and
   * waits until the shard serves it; a watch delivers in order, so the replay sent before it is
   * then done. Without this, a replay still arriving after a re-shard narrowed a watch would count
   * the ranges it gave away as received.
   */
  private void awaitWatchReplays(KubernetesClient client, List<String> uids, int total) {
    for (int k = 0; k < total; k++) {
      String uid = null;
      for (int i = 0; uid == null || !MAP.owns(new Shard(k, total), uid); i++) {
        byte[] seed = ("sentinel-" + k + "-" + i).getBytes(StandardCharsets.UTF_8);
        uid = UUID.nameUUIDFromBytes(seed).toString();
      }
      client
          .pods()
          .inNamespace("default")
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName("sentinel-" + k)
                  .withUid(uid)
                  .endMetadata()
                  .build())
          .create();
      uids.add(uid);
      String sentinel = uid;
      Exporter e = exporters.get(k);
      Await.until(
          "shard " + k + " serves its sentinel pod", () -> served(e), s -> s.contains(sentinel));
    }
  }

  /** Waits until shards 0..total-1 are settled at {@code total} and each serves what it owns. */
  private void awaitServingOwned(List<String> uids, int total) {
    for (int k = 0; k < total; k++) {
      Exporter e = exporters.get(k);
      Set<String> owned = owned(uids, new Shard(k, total));
      Await.until(
          "shard " + k + " of " + total + " settled, serving what it owns",
          () -> {
            String t = telemetry(e);
            return t.contains("\nkube_state_exporter_shard_handoff 0.0")
                && t.contains("\nkube_state_metrics_total_shards " + total + ".0")
                && served(e).equals(owned)
                && counter(t, RECEIVED, "pods") >= owned.size();
          },
          done -> done);
    }
  }

  private long[] received() {
    long[] out = new long[exporters.size()];
    for (Map.Entry<Integer, Exporter> e : exporters.entrySet()) {
      out[e.getKey()] =
          counter(telemetry(e.getValue()), RECEIVED, "pods");
    }
    return out;
  }

  private ExporterConfig staticShard(int k, int total) {
    ExporterConfig base = TestExporters.config(api.config(), "--resources=pods");
    return TestExporters.sharded(
        base, Sharding.fixed(MAP, new Shard(k, total), ServerSideSharding.AUTO));
  }

  private ExporterConfig automatic(int k) {
    return TestExporters.sharded(
        TestExporters.config(api.config(), "--resources=pods"),
        Sharding.automatic(MAP, NS, SET + "-" + k, ServerSideSharding.ON));
  }

  private static List<String> uids(List<? extends HasMetadata> objects) {
    List<String> out = new ArrayList<>();
    for (HasMetadata o : objects) {
      if (o instanceof Pod) {
        out.add(o.getMetadata().getUid());
      }
    }
    return out;
  }

  private static Set<String> owned(List<String> uids, Shard shard) {
    Set<String> out = new HashSet<>();
    for (String uid : uids) {
      if (MAP.owns(shard, uid)) {
        out.add(uid);
      }
    }
    return out;
  }

  private static Set<String> served(Exporter e) {
    Set<String> out = new HashSet<>();
    Matcher m = POD_UID.matcher(Endpoints.metrics(e, ""));
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static String telemetry(Exporter e) {
    return Endpoints.get(e.telemetryPort(), "/metrics").body();
  }

  /** A counter's value for {@code resource}, 0 when absent. */
  private static long counter(String telemetry, String name, String resource) {
    Matcher m =
        Pattern.compile(
                "(?m)^" + name + "\\{resource=\"" + Pattern.quote(resource) + "\"} (\\S+)$")
            .matcher(telemetry);
    return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
  }
}
