package dev.kubestate.exporter.resharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.cli.CliTest;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.process.ExporterConfig;
import dev.kubestate.exporter.process.Sharding;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import dev.kubestate.exporter.testing.TestStatefulSets;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic sharding followed live: the test plays the StatefulSet controller, starting an
 * exporter per ordinal and reporting the replicas ready once their exporters answer
 * {@code /readyz}, while it scales 3 -> 4 -> 2 -> 5 (and 2 -> 3 -> 4 with the second change
 * arriving mid-handoff) and churns namespaces. No object that keeps
 * its owner ever disappears from that owner's {@code /metrics}, and once a change settles every
 * object is served by exactly one exporter. Settle time and the window in which some object was
 * served twice are logged, not asserted.
 */
@ExtendWith(CrudApiServer.class)
class AutoShardingIT {

  private static final Logger LOG = LoggerFactory.getLogger(AutoShardingIT.class);

  static KubernetesClient client;
  static KubernetesMockServer server;

  private static final String NS = "monitoring";
  private static final Pattern LABELS =
      Pattern.compile(
          "kube_namespace_labels\\{namespace=\"([^\"]+)\"(?:,label_step=\"([^\"]*)\")?} 1");
  private static final Pattern TOTAL =
      Pattern.compile("(?m)^kube_state_metrics_total_shards (\\S+)$");
  private static final Pattern HANDOFF =
      Pattern.compile("(?m)^kube_state_exporter_shard_handoff (\\S+)$");
  private static final Pattern FRACTION =
      Pattern.compile("(?m)^kube_state_exporter_shard_hash_fraction (\\S+)$");
  private static final Pattern ORDINAL =
      Pattern.compile("(?m)^kube_state_metrics_shard_ordinal\\{shard_ordinal=\"(\\d+)\"} (\\S+)$");

  private final Map<Integer, Exporter> exporters = new TreeMap<>();
  private ShardMap map = ShardMap.jumpBackHash();
  private ServerSideSharding serverSide = ServerSideSharding.AUTO;
  private String setName;
  private TestStatefulSets fleet;
  private final Map<String, String> uidByName = new HashMap<>();
  private final Map<String, String> stepByName = new HashMap<>();
  private int created;

  @AfterEach
  void stopExporters() {
    exporters.values().forEach(Exporter::close);
  }

  @Test
  void reshardsLiveWithoutGapAndSettlesToExactlyOneOwner() throws Exception {
    startFleet("ksm", 3);
    int previous = 3;
    for (int next : new int[] {4, 2, 5}) {
      resize(previous, next);
      previous = next;
    }
  }

  /**
   * The same with server-side sharding: old shards narrow their informer sets and list only the
   * ranges they gain, and the no-gap and exactly-one-owner checks hold as with client-side
   * selection.
   */
  @Test
  void reshardsLiveWithServerSideShardingListingOnlyGainedRanges() throws Exception {
    map = ShardMap.consistentRanges();
    serverSide = ServerSideSharding.ON;
    startFleet("ranges", 3);
    int previous = 3;
    for (int next : new int[] {4, 2, 5}) {
      resize(previous, next);
      previous = next;
    }
  }

  @Test
  void newestAssignmentWinsWhenResizedAgainMidHandoff() throws Exception {
    startFleet("fleet", 2);
    Map<String, String> before = new HashMap<>(uidByName);
    long start = System.nanoTime();
    long[] firstDuplicate = {-1};
    for (int to = 3; to <= 4; to++) {
      fleet.scale(to);
      exporters.put(
          to - 1,
          Exporter.start(config(setName + "-" + (to - 1)), TestExporters.strictEventLoop()));
      churn();
      awaitChurnDelivered(before, 2, to, start, firstDuplicate);
    }
    awaitReady(before, 2, 4, start, firstDuplicate);
    fleet.reportReady(4);
    Await.until(
        "handoff to 4 shards settled",
        () -> {
          checkNoGap(before, 2, 4, start, firstDuplicate);
          return settled(4);
        },
        done -> done);
    awaitSettled(4);
  }

  /**
   * Creates StatefulSet {@code name} with {@code replicas} ready replicas, pods
   * {@code <name>-0..4} it owns and 60 namespaces, starts one exporter per replica and waits
   * until they serve every namespace once.
   */
  private void startFleet(String name, int replicas) throws Exception {
    setName = name;
    client
        .namespaces()
        .list()
        .getItems()
        .forEach(
            n -> {
              uidByName.put(n.getMetadata().getName(), n.getMetadata().getUid());
              Map<String, String> labels = n.getMetadata().getLabels();
              stepByName.put(
                  n.getMetadata().getName(), labels == null ? "" : labels.getOrDefault("step", ""));
            });
    fleet = TestStatefulSets.create(client, NS, name, replicas, 5);
    for (int i = 0; i < 60; i++) {
      createNamespace();
    }
    for (int k = 0; k < replicas; k++) {
      exporters.put(k, Exporter.start(config(name + "-" + k), TestExporters.strictEventLoop()));
    }
    awaitSettled(replicas);
  }

  @Test
  void failsToStartNamingPodWithoutStatefulSetOwner() {
    client
        .pods()
        .inNamespace(NS)
        .resource(new PodBuilder().withNewMetadata().withName("loner-0").endMetadata().build())
        .create();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Exporter.start(config("loner-0"), TestExporters.strictEventLoop()));
    assertTrue(e.getMessage().contains(NS + "/loner-0"), e.getMessage());
    CliTest.Run run =
        CliTest.run(
            "--apiserver=" + server.url("/"),
            "--pod=loner-0",
            "--pod-namespace=" + NS,
            "--resources=namespaces",
            "--port=0",
            "--telemetry-port=0");
    assertEquals(1, run.exit(), run.err());
    assertTrue(run.err().contains(NS + "/loner-0"), run.err());
    assertTrue(run.err().contains("StatefulSet"), run.err());
  }

  @Test
  void failsToStartNamingPodWithoutOrdinal() {
    client
        .pods()
        .inNamespace(NS)
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("ksm-canary")
                .addNewOwnerReference()
                .withApiVersion("apps/v1")
                .withKind("StatefulSet")
                .withName("ksm")
                .withUid("owner")
                .withController(true)
                .endOwnerReference()
                .endMetadata()
                .build())
        .create();
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> Exporter.start(config("ksm-canary"), TestExporters.strictEventLoop()));
    assertTrue(e.getMessage().contains(NS + "/ksm-canary"), e.getMessage());
  }

  private void resize(int from, int to) throws Exception {
    long[] firstDuplicate = {-1};
    if (to < from) {
      // Shrinking: the survivors settle as soon as they have listed (the fleet already has the
      // ready replicas), so the churn goes first, delivered before any watch is closed.
      churn();
      awaitChurnDelivered(Map.of(), from, from, System.nanoTime(), firstDuplicate);
    }
    Map<String, String> before = new HashMap<>(uidByName);
    long start = System.nanoTime();
    fleet.scale(to);
    for (int k = from; k < to; k++) {
      exporters.put(k, Exporter.start(config(setName + "-" + k), TestExporters.strictEventLoop()));
    }
    if (to > from) {
      churn();
      awaitChurnDelivered(before, from, to, start, firstDuplicate);
    }
    awaitReady(before, from, to, start, firstDuplicate);
    fleet.reportReady(to);
    for (int k = to; k < from; k++) {
      exporters.remove(k).close();
    }
    Await.until(
        "handoff to " + to + " shards settled",
        () -> {
          checkNoGap(before, from, to, start, firstDuplicate);
          return settled(to);
        },
        done -> done);
    long settleMillis = (System.nanoTime() - start) / 1_000_000;
    LOG.info(
        "resize {} -> {}: settled in {} ms, objects served twice for {} ms",
        from,
        to,
        settleMillis,
        firstDuplicate[0] < 0 ? 0 : (System.nanoTime() - firstDuplicate[0]) / 1_000_000);
    awaitSettled(to);
  }

  /** Waits until exporters 0..to-1 answer {@code /readyz} for {@code to} shards. */
  private void awaitReady(
      Map<String, String> before, int from, int to, long start, long[] firstDuplicate) {
    Await.until(
        "exporters 0.." + (to - 1) + " ready for " + to + " shards",
        () -> {
          checkNoGap(before, from, to, start, firstDuplicate);
          for (int k = 0; k < to; k++) {
            Exporter e = exporters.get(k);
            if (!gauge(TOTAL, telemetry(e)).equals(to + ".0")
                || Endpoints.get(e.metricsPort(), "/readyz").statusCode() != 200) {
              return false;
            }
          }
          return true;
        },
        ready -> ready);
  }

  /**
   * Asserts that every object existing before the change whose owner is the same under both
   * totals is served by that owner, and notes when some object is served twice.
   */
  private void checkNoGap(
      Map<String, String> before, int from, int to, long start, long[] firstDuplicate) {
    Map<String, Integer> servedCount = new HashMap<>();
    for (Map.Entry<Integer, Exporter> e : exporters.entrySet()) {
      Set<String> served = served(e.getValue());
      served.forEach(n -> servedCount.merge(n, 1, Integer::sum));
      int k = e.getKey();
      if (k >= Math.min(from, to)) {
        continue;
      }
      for (Map.Entry<String, String> o : before.entrySet()) {
        String uid = o.getValue();
        if (owner(uid, from) == k && owner(uid, to) == k) {
          assertTrue(
              served.contains(o.getKey()),
              "shard " + k + " lost " + o.getKey() + " while resizing " + from + " -> " + to);
        }
      }
    }
    if (firstDuplicate[0] < 0 && servedCount.values().stream().anyMatch(c -> c > 1)) {
      firstDuplicate[0] = System.nanoTime();
    }
  }

  /** Whether every exporter of {@code total} is out of handoff and each object served once. */
  private boolean settled(int total) {
    if (exporters.size() != total) {
      return false;
    }
    List<String> all = new ArrayList<>();
    for (Exporter e : exporters.values()) {
      String t = telemetry(e);
      if (!gauge(HANDOFF, t).equals("0.0") || !gauge(TOTAL, t).equals(total + ".0")) {
        return false;
      }
      all.addAll(served(e));
    }
    return all.size() == uidByName.size() && new HashSet<>(all).equals(uidByName.keySet());
  }

  /** After a settle: each exporter serves exactly what it owns and shows its ordinal only. */
  private void awaitSettled(int total) {
    Await.until("settled at " + total + " shards", () -> settled(total), s -> s);
    for (Map.Entry<Integer, Exporter> e : exporters.entrySet()) {
      int k = e.getKey();
      Set<String> expected = new HashSet<>();
      uidByName.forEach(
          (name, uid) -> {
            if (owner(uid, total) == k) {
              expected.add(name);
            }
          });
      assertEquals(expected, served(e.getValue()), "shard " + k + " of " + total);
      Matcher m = ORDINAL.matcher(telemetry(e.getValue()));
      List<String> ordinals = new ArrayList<>();
      while (m.find()) {
        ordinals.add(m.group(1));
      }
      assertEquals(List.of(Integer.toString(k)), ordinals, "ordinal series of shard " + k);
      assertEquals(
          1.0 / total,
          Double.parseDouble(gauge(FRACTION, telemetry(e.getValue()))),
          1e-9,
          "hash fraction of shard " + k);
      String t = telemetry(e.getValue());
      assertTrue(t.contains("\nkube_state_exporter_shard_moved_in_total "), t);
      assertTrue(t.contains("\nkube_state_exporter_shard_moved_out_total "), t);
    }
  }

  /**
   * Waits until every object is served by some exporter and every exporter serving it shows its
   * latest change, checking for gaps at every scrape. Closing a watch while the CRUD mock still
   * sends it events blocks the mock (see {@link CrudApiServer}), so no handoff may finish before
   * the churn has been delivered.
   */
  private void awaitChurnDelivered(
      Map<String, String> before, int from, int to, long start, long[] firstDuplicate) {
    Await.until(
        "churn delivered",
        () -> {
          checkNoGap(before, from, to, start, firstDuplicate);
          Map<String, Set<String>> stepsServed = new HashMap<>();
          for (Exporter e : exporters.values()) {
            servedSteps(e)
                .forEach(
                    (n, step) -> stepsServed.computeIfAbsent(n, x -> new HashSet<>()).add(step));
          }
          for (Map.Entry<String, String> o : stepByName.entrySet()) {
            if (!Set.of(o.getValue()).equals(stepsServed.get(o.getKey()))) {
              return false;
            }
          }
          return true;
        },
        done -> done);
  }

  /** A few creates and updates, as a live cluster would have during a resize. */
  private void churn() {
    for (int i = 0; i < 3; i++) {
      createNamespace();
    }
    for (int i = 0; i < 3; i++) {
      String name = setName + "-ns-" + (created * 7 + i) % created;
      client
          .namespaces()
          .withName(name)
          .edit(
              n ->
                  new NamespaceBuilder(n)
                      .editMetadata()
                      .addToLabels("step", Integer.toString(created))
                      .endMetadata()
                      .build());
      stepByName.put(name, Integer.toString(created));
    }
  }

  private void createNamespace() {
    Namespace ns =
        client
            .resource(
                new NamespaceBuilder()
                    .withNewMetadata()
                    .withName(setName + "-ns-" + created++)
                    .endMetadata()
                    .withNewStatus()
                    .withPhase("Active")
                    .endStatus()
                    .build())
            .create();
    uidByName.put(ns.getMetadata().getName(), ns.getMetadata().getUid());
    stepByName.put(ns.getMetadata().getName(), "");
  }

  private int owner(String uid, int total) {
    return map.shardOf(uid, total);
  }

  private ExporterConfig config(String pod) {
    return TestExporters.sharded(
        TestExporters.config(
            client.getConfiguration(),
            "--resources=namespaces",
            "--metric-labels-allowlist=namespaces=[step]"),
        Sharding.automatic(map, NS, pod, serverSide));
  }

  private static Set<String> served(Exporter exporter) {
    return servedSteps(exporter).keySet();
  }

  /** Namespace name to its {@code step} label as {@code exporter} serves it. */
  private static Map<String, String> servedSteps(Exporter exporter) {
    Map<String, String> out = new HashMap<>();
    Matcher m = LABELS.matcher(Endpoints.metrics(exporter, ""));
    while (m.find()) {
      out.put(m.group(1), m.group(2) == null ? "" : m.group(2));
    }
    return out;
  }

  private static String telemetry(Exporter exporter) {
    return Endpoints.get(exporter.telemetryPort(), "/metrics").body();
  }

  private static String gauge(Pattern p, String body) {
    Matcher m = p.matcher(body);
    return m.find() ? m.group(1) : "";
  }
}
