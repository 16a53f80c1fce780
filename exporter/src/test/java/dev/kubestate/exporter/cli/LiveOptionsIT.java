package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.process.ClusterWatch;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.process.ExporterConfig;
import dev.kubestate.exporter.process.Listeners;
import dev.kubestate.exporter.process.Sharding;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A changed options file applied to a running exporter, through the file watch, against the CRUD
 * mock API server, while pods change and a scraper reads {@code /metrics} without pause: an
 * allowlist change shows the new labels within seconds, no scrape misses a pod or shows one twice,
 * and no scrape mixes the old and new allowlist; changed resources add and remove kinds; a broken
 * file keeps what is exported and is reported failed in KSM's reload series.
 */
@ExtendWith(CrudApiServer.class)
class LiveOptionsIT {

  static KubernetesClient client;
  static KubernetesMockServer server;

  private static final int PODS = 120;
  private static final Pattern LABELS =
      Pattern.compile("(?m)^kube_pod_labels\\{([^}]*)\\} 1$");

  @TempDir Path dir;

  private Path file;
  private Exporter exporter;
  private OptionsFileWatch watch;
  private final List<String> reloads = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    for (int i = 0; i < PODS; i++) {
      client.resource(pod("p" + i, "v0")).create();
    }
    file = dir.resolve("options.yaml");
    byte[] initial = bytes("resources: {pods: {}, namespaces: {}}\nlabels_allow_list: {pods: [app]}\n");
    Files.write(file, initial);
    List<String> args = List.of("--config=" + file);
    OptionsFileWatch.Parsed parsed = RunCommand.parse(args, file.toString(), initial);
    assertNull(parsed.problem());
    exporter =
        Exporter.start(
            new ExporterConfig(
                parsed.metrics(),
                Sharding.fixed(ShardMap.jumpBackHash(), new Shard(0, 1), ServerSideSharding.AUTO),
                ClusterWatch.all(client.getConfiguration()),
                Listeners.ephemeral("127.0.0.1")),
            TestExporters.strictEventLoop());
    Await.until("sync", exporter::isSynced, s -> s);
    exporter.optionsFileLoaded("options.yaml", initial);
    watch =
        new OptionsFileWatch(
            file,
            "options.yaml",
            initial,
            parsed.values(),
            content -> RunCommand.parse(args, file.toString(), content),
            exporter::apply,
            new OptionsFileWatch.Reloads() {
              @Override
              public void loaded(String filename, byte[] content) {
                reloads.add("loaded");
                exporter.optionsFileLoaded(filename, content);
              }

              @Override
              public void failed(String filename) {
                reloads.add("failed");
                exporter.optionsFileFailed(filename);
              }
            });
  }

  @AfterEach
  void stop() {
    watch.close();
    exporter.close();
    client.pods().inAnyNamespace().delete();
    client.apps().deployments().inAnyNamespace().delete();
  }

  private static Pod pod(String name, String version) {
    return new PodBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .withUid("uid-" + name)
        .addToLabels(Map.of("app", "web", "team", "blue", "version", version))
        .endMetadata()
        .withNewSpec()
        .withNodeName("node-1")
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .endStatus()
        .build();
  }

  @Test
  void anAllowlistChangeIsServedWholeWithinSecondsAndNoScrapeMissesAPod() throws Exception {
    Await.until(
        "every pod served",
        () -> Endpoints.metrics(exporter, ""),
        b -> labelLines(b).size() == PODS);
    AtomicBoolean running = new AtomicBoolean(true);
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicInteger scrapes = new AtomicInteger();
    AtomicInteger withTeam = new AtomicInteger();
    Thread scraper =
        new Thread(
            () -> {
              while (running.get()) {
                String body = Endpoints.metrics(exporter, "");
                scrapes.incrementAndGet();
                String problem = checkScrape(body);
                if (problem != null) {
                  problems.add(problem);
                } else if (body.contains("label_team=")) {
                  withTeam.incrementAndGet();
                }
              }
            },
            "scraper");
    Thread churn =
        new Thread(
            () -> {
              int v = 1;
              while (running.get()) {
                String name = "p" + (v % PODS);
                String version = "v" + v++;
                client.pods().inNamespace("default").withName(name).edit(p -> pod(name, version));
              }
            },
            "churn");
    scraper.start();
    churn.start();
    try {
      Await.until("scrapes before the change", scrapes::get, n -> n >= 5);
      Files.write(
          file,
          bytes("resources: {pods: {}, namespaces: {}}\nlabels_allow_list: {pods: [app, team]}\n"));
      long changed = System.nanoTime();
      watch.check().get(30, TimeUnit.SECONDS);
      long appliedMillis = (System.nanoTime() - changed) / 1_000_000;
      String body = Endpoints.metrics(exporter, "");
      assertEquals(PODS, labelLines(body).size());
      for (String labels : labelLines(body)) {
        assertTrue(labels.contains("label_team=\"blue\""), labels);
      }
      int before = scrapes.get();
      Await.until("scrapes after the change", scrapes::get, n -> n >= before + 5);
      assertTrue(appliedMillis < 30_000, "applied in " + appliedMillis + " ms");
    } finally {
      running.set(false);
      scraper.join();
      churn.join();
    }
    assertEquals(List.of(), List.copyOf(problems), "scrapes with a missing, doubled or mixed pod");
    assertTrue(withTeam.get() >= 5, "scrapes saw the new allowlist: " + withTeam.get());
    assertEquals(List.of("loaded"), reloads);
    String telemetry = Endpoints.get(exporter.telemetryPort(), "/metrics").body();
    assertTrue(
        telemetry.contains(
            "kube_state_metrics_last_config_reload_successful{filename=\"options.yaml\","
                + "type=\"config\"} 1"),
        telemetry);
  }

  /**
   * Null when every pod has exactly one {@code kube_pod_labels} line and one {@code kube_pod_info}
   * line, and either every labels line has {@code label_team} or none has.
   */
  private static String checkScrape(String body) {
    List<String> labels = labelLines(body);
    Set<String> pods = new HashSet<>();
    int team = 0;
    for (String l : labels) {
      Matcher m = Pattern.compile("pod=\"([^\"]*)\"").matcher(l);
      if (!m.find() || !pods.add(m.group(1))) {
        return "a pod twice or unnamed: " + l;
      }
      team += l.contains("label_team=") ? 1 : 0;
    }
    if (pods.size() != PODS) {
      return "kube_pod_labels for " + pods.size() + " pods of " + PODS;
    }
    if (team != 0 && team != PODS) {
      return "a mix of allowlists: " + team + " of " + PODS + " pods with label_team";
    }
    long info = body.lines().filter(l -> l.startsWith("kube_pod_info{")).count();
    return info == PODS ? null : "kube_pod_info for " + info + " pods";
  }

  private static List<String> labelLines(String body) {
    List<String> out = new ArrayList<>();
    Matcher m = LABELS.matcher(body);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  void changedResourcesAddAndRemoveKindsAndABrokenFileKeepsThem() throws Exception {
    client
        .apps()
        .deployments()
        .inNamespace("default")
        .resource(
            new io.fabric8.kubernetes.api.model.apps.DeploymentBuilder()
                .withNewMetadata()
                .withName("web")
                .withNamespace("default")
                .endMetadata()
                .withNewSpec()
                .withReplicas(2)
                .endSpec()
                .build())
        .create();
    client.namespaces().resource(namespace("default")).createOr(n -> n.update());
    Await.until(
        "namespaces served",
        () -> Endpoints.metrics(exporter, ""),
        b -> b.contains("kube_namespace_status_phase{namespace=\"default\",phase=\"Active\"} 1"));
    assertFalse(Endpoints.metrics(exporter, "").contains("kube_deployment_"));

    Files.write(file, bytes("resources: {pods: {}, deployments: {}}\n"));
    watch.check().get(30, TimeUnit.SECONDS);
    String body = Endpoints.metrics(exporter, "");
    assertTrue(
        body.contains("kube_deployment_spec_replicas{namespace=\"default\",deployment=\"web\"} 2"),
        body);
    assertFalse(body.contains("kube_namespace_"), "namespaces no longer exported");
    assertEquals(PODS, body.lines().filter(l -> l.startsWith("kube_pod_info{")).count());
    assertFalse(body.contains("label_app="), "the allowlist left the file: no label exported");
    String telemetry = Endpoints.get(exporter.telemetryPort(), "/metrics").body();
    assertTrue(
        telemetry.contains("kube_state_exporter_store_objects{resource=\"deployments\"} 1"),
        telemetry);
    assertFalse(telemetry.contains("resource=\"namespaces\"}"), "namespace series removed");

    Files.write(file, bytes("resources: {pods: {}, deployments: {}\n"));
    watch.check().get(30, TimeUnit.SECONDS);
    assertEquals(List.of("loaded", "failed"), reloads);
    assertEquals(
        body.lines().sorted().toList(),
        Endpoints.metrics(exporter, "").lines().sorted().toList(),
        "a broken file changes nothing");
    assertTrue(
        Endpoints.get(exporter.telemetryPort(), "/metrics")
            .body()
            .contains(
                "kube_state_metrics_last_config_reload_successful{filename=\"options.yaml\","
                    + "type=\"config\"} 0"));
  }

  private static io.fabric8.kubernetes.api.model.Namespace namespace(String name) {
    return new io.fabric8.kubernetes.api.model.NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewStatus()
        .withPhase("Active")
        .endStatus()
        .build();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
