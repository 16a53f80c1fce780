package dev.kubestate.demo.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.apiserver.ApiServerFeatures;
import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a cluster to poke, in process: the kubeconfig it writes reaches its API server;
 * scaling the StatefulSet through the scale subresource (with Debian's kubectl when installed)
 * re-shards the running shards; after {@code stop-api} and {@code start-api} the API server is back
 * on its port with its objects, and the shards export what changed after the outage.
 */
class DemoClusterIT {

  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Pattern SHARD_LINE =
      Pattern.compile("(?m)^demo: shard (\\d+)/\\d+: metrics http://(\\S+)/metrics");

  @TempDir Path dir;

  private final StringWriter output = new StringWriter();
  private final HttpClient http = HttpClient.newHttpClient();
  private DemoRun run;
  private KubernetesClient client;

  @BeforeEach
  void start() throws Exception {
    DemoPlan plan =
        new DemoPlan(
            2,
            0,
            0,
            2,
            12,
            3,
            0,
            0,
            List.of(),
            ApiServerFeatures.withShardSelector(),
            0,
            dir.resolve("kubeconfig"),
            ExportedMetrics.defaults(),
            ShardMap.named(ShardMap.NAMES.get(0)),
            ServerSideSharding.AUTO);
    run = new DemoRun(new PrintWriter(output, true));
    run.start(plan);
    client =
        new KubernetesClientBuilder()
            .withConfig(Config.fromKubeconfig(Files.readString(dir.resolve("kubeconfig"))))
            .build();
  }

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (run != null) {
      run.close();
    }
  }

  @Test
  void scalingTheStatefulSetReshardsTheShards() throws Exception {
    Await.until(
        "2 shards settled",
        DEADLINE,
        POLL,
        output::toString,
        o -> o.contains("demo: 2 shard(s) serve"));
    Path kubectl = Path.of("/usr/bin/kubectl");
    if (Files.isExecutable(kubectl)) {
      Process p =
          new ProcessBuilder(
                  kubectl.toString(),
                  "--kubeconfig",
                  dir.resolve("kubeconfig").toString(),
                  "--cache-dir",
                  dir.resolve("cache").toString(),
                  "scale",
                  "statefulset",
                  "kube-state-exporter",
                  "-n",
                  "kube-state-exporter",
                  "--replicas",
                  "3")
              .redirectErrorStream(true)
              .start();
      assertTrue(p.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
    } else {
      client
          .apps()
          .statefulSets()
          .inNamespace("kube-state-exporter")
          .withName("kube-state-exporter")
          .scale(3);
    }
    Await.until(
        "3 shards settled",
        DEADLINE,
        POLL,
        output::toString,
        o -> o.contains("demo: 3 shard(s) serve"));
    assertEquals(3, shardTargets().size());
  }

  @Test
  void shardsResyncAfterTheApiServerComesBack() throws Exception {
    Await.until(
        "2 shards settled",
        DEADLINE,
        POLL,
        output::toString,
        o -> o.contains("demo: 2 shard(s) serve"));
    int port = URI.create(client.getConfiguration().getMasterUrl()).getPort();
    String before =
        client
            .namespaces()
            .withName("kube-state-exporter")
            .get()
            .getMetadata()
            .getResourceVersion();
    run.stopApiServer();
    assertTrue(output.toString().contains("demo: API server "), output.toString());
    try {
      client.namespaces().list();
      throw new AssertionError("the API server still answers");
    } catch (RuntimeException expected) {
      // Refused, as in an outage.
    }
    run.startApiServer();
    assertEquals(
        before,
        client
            .namespaces()
            .withName("kube-state-exporter")
            .get()
            .getMetadata()
            .getResourceVersion());
    assertEquals(port, URI.create(client.getConfiguration().getMasterUrl()).getPort());
    client
        .configMaps()
        .inNamespace("kube-state-exporter")
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("after-the-outage")
                .endMetadata()
                .build())
        .create();
    Await.until(
        "the config map created after the outage exported",
        DEADLINE,
        POLL,
        this::scrapeAll,
        m -> m.contains("configmap=\"after-the-outage\""));
  }

  private List<String> shardTargets() {
    List<String> targets = new ArrayList<>();
    Matcher m = SHARD_LINE.matcher(output.toString());
    while (m.find()) {
      targets.add(m.group(2));
    }
    return targets;
  }

  /** The /metrics of every shard started so far, concatenated; stopped shards give nothing. */
  private String scrapeAll() {
    StringBuilder all = new StringBuilder();
    for (String target : shardTargets()) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://" + target + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        all.append(r.body());
      } catch (IOException e) {
        // A shard stopped by a resize.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return all.toString();
  }
}
