package dev.kubestate.exporter.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.apiserver.EmbeddedApiServer;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two shards of an exporter against the test API server while it fails: LISTs answered 500,
 * WATCHes refused, open watches cut, its history compacted (resuming watches get 410 Gone and list
 * again), the server down, answers slowed, all under churn from a seeded generator. While the
 * faults last every scrape serves the last known state whole (no gap: the same pods as when the
 * faults began, no sample twice) and {@code /livez} and the list/watch telemetry say what is wrong;
 * once they end, each shard's output equals, sample for sample, that of a fresh exporter of the same
 * shard started on the same API state, deletions made while the watches were down included.
 */
class ApiFaultsIT {

  private static final long SEED = 20261203L;
  private static final Pattern POD_INFO =
      Pattern.compile("(?m)^kube_pod_info\\{namespace=\"([^\"]*)\",pod=\"([^\"]*)\"");

  private EmbeddedApiServer api;
  private KubernetesClient client;
  private final List<Exporter> running = new ArrayList<>();
  private final Random random = new Random(SEED);
  private final List<String> live = new ArrayList<>();
  private int next;

  @BeforeEach
  void start() {
    api = EmbeddedApiServer.start(0);
    client = api.client();
    for (String ns : List.of("shop", "ops")) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
    }
    for (int i = 0; i < 60; i++) {
      createPod();
    }
    for (int i = 0; i < 10; i++) {
      client.resource(new ConfigMapBuilder().withNewMetadata().withName("cm" + i)
          .withNamespace("shop").endMetadata().addToData("k", "v").build()).create();
    }
  }

  @AfterEach
  void stop() {
    running.forEach(Exporter::close);
    api.close();
  }

  private Exporter exporter(int shard) throws Exception {
    Exporter e =
        Exporter.start(
            TestExporters.config(
                api.config(),
                "--resources=pods,namespaces,configmaps",
                "--shard=" + shard,
                "--total-shards=2"));
    running.add(e);
    Await.until("shard " + shard + " synced", e::isSynced, s -> s);
    return e;
  }

  private void createPod() {
    String ns = random.nextBoolean() ? "shop" : "ops";
    String name = "p" + next++;
    client.resource(pod(ns, name, "Pending")).create();
    live.add(ns + "/" + name);
  }

  private static Pod pod(String ns, String name, String phase) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .endMetadata()
        .withNewSpec()
        .withNodeName("node-1")
        .endSpec()
        .withNewStatus()
        .withPhase(phase)
        .endStatus()
        .build();
  }

  /** One random write: a pod created, one deleted, or one's phase changed (no LIST needed). */
  private void churn() {
    int op = random.nextInt(3);
    if (op == 0 || live.isEmpty()) {
      createPod();
      return;
    }
    String[] p = live.get(random.nextInt(live.size())).split("/");
    String ns = p[0];
    String name = p[1];
    if (op == 1) {
      client.pods().inNamespace(ns).withName(name).delete();
      live.remove(ns + "/" + name);
    } else {
      String phase = random.nextBoolean() ? "Running" : "Failed";
      client.pods().inNamespace(ns).withName(name).edit(x -> pod(ns, name, phase));
    }
  }

  private void churn(int writes) {
    for (int i = 0; i < writes; i++) {
      churn();
    }
  }

  @Test
  void shardsServeTheirLastStateThroughFaultsAndConvergeOnAFreshExportersOutput()
      throws Exception {
    Exporter[] shards = {exporter(0), exporter(1)};
    churn(20);
    for (Exporter s : shards) {
      String fresh = freshBody(s);
      Await.until("caught up", () -> body(s), b -> b.equals(fresh));
    }
    List<Set<String>> before = List.of(pods(body(shards[0])), pods(body(shards[1])));

    AtomicBoolean faulty = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    Thread scraper = scraper(shards, before, faulty, problems);
    api.faults().failLists(500);
    api.faults().refuseWatches(true);
    api.closeWatches();
    scraper.start();
    try {
      churn(30);
      Await.until(
          "watch failures counted",
          () -> Endpoints.get(shards[0].telemetryPort(), "/metrics").body(),
          ApiFaultsIT::countsWatchErrors);
      api.compact();
      api.suspend();
      Await.until(
          "/livez fails while the API server is down",
          () -> Endpoints.get(shards[0].metricsPort(), "/livez").statusCode(),
          code -> code == 503);
      Thread.sleep(1_000);
      api.resume();
      churn(10);
      api.faults().delayResponses(java.time.Duration.ofMillis(200));
      churn(5);
    } finally {
      faulty.set(false);
      scraper.join();
    }
    assertEquals(List.of(), List.copyOf(problems), "scrapes during the faults");

    api.faults().clear();
    for (Exporter s : shards) {
      String fresh = freshBody(s);
      Await.until("converged on a fresh exporter's output", () -> body(s), b -> b.equals(fresh));
    }
    assertEquals(200, Endpoints.get(shards[0].metricsPort(), "/livez").statusCode());
    Set<String> union = new HashSet<>(pods(body(shards[0])));
    union.addAll(pods(body(shards[1])));
    Set<String> all = new HashSet<>();
    client.pods().inAnyNamespace().list().getItems()
        .forEach(p -> all.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName()));
    assertEquals(all, union, "the shards together export every pod, deletions included");
  }

  /** Scrapes both shards until {@code faulty} is false, noting scrapes that are not the last state. */
  private static Thread scraper(
      Exporter[] shards,
      List<Set<String>> before,
      AtomicBoolean faulty,
      ConcurrentLinkedQueue<String> problems) {
    return new Thread(
        () -> {
          while (faulty.get()) {
            for (int i = 0; i < shards.length; i++) {
              String body = body(shards[i]);
              Set<String> lines = new HashSet<>();
              for (String l : body.split("\n")) {
                if (!l.startsWith("#") && !l.isEmpty() && !lines.add(l)) {
                  problems.add("shard " + i + " served a sample twice: " + l);
                }
              }
              Set<String> pods = pods(body);
              if (!pods.equals(before.get(i))) {
                problems.add("shard " + i + " served " + pods.size() + " pods, not the last state");
              }
            }
          }
        },
        "scraper");
  }

  /** Whether a {@code kube_state_metrics_watch_total} series with result="error" is above 0. */
  private static boolean countsWatchErrors(String telemetry) {
    return telemetry
        .lines()
        .anyMatch(
            l ->
                l.startsWith("kube_state_metrics_watch_total{")
                    && l.contains("result=\"error\"")
                    && Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) > 0);
  }

  private static Set<String> pods(String body) {
    Set<String> out = new HashSet<>();
    Matcher m = POD_INFO.matcher(body);
    while (m.find()) {
      out.add(m.group(1) + "/" + m.group(2));
    }
    return out;
  }

  private static String body(Exporter e) {
    return sorted(Endpoints.metrics(e, ""));
  }

  private static String sorted(String body) {
    return String.join("\n", body.lines().sorted().toList());
  }

  /** The body of a fresh exporter of {@code like}'s shard on the API state now. */
  private String freshBody(Exporter like) throws Exception {
    try (Exporter fresh =
        Exporter.start(
            TestExporters.config(
                api.config(),
                "--resources=pods,namespaces,configmaps",
                "--shard=" + like.shard().ordinal(),
                "--total-shards=2"))) {
      Await.until("fresh exporter synced", fresh::isSynced, s -> s);
      return body(fresh);
    }
  }
}
