package dev.kubestate.demo.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.demo.world.SyntheticCluster;
import dev.kubestate.exporter.resources.Kinds;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code demo} resizing its StatefulSet live, 2 -> 3 -> 2 -> ... every 2 s: once a
 * resize to 3 has settled, the three shards together serve every pod of the seeded cluster and
 * the demo's own three exporter pods exactly once, and the shares the demo prints add up to its
 * total, which is every object of the cluster of an exported kind plus the demo's own.
 */
class DemoResizeIT {

  private static final int NODES = 3;
  private static final int PODS = 60;
  private static final long SEED = 5;
  private static final Duration DEADLINE = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofMillis(100);

  private static final Pattern SHARD_LINE =
      Pattern.compile(
          "(?m)^demo: shard (\\d+)/\\d+: metrics http://(\\S+)/metrics  telemetry"
              + " http://(\\S+)/metrics");
  private static final Pattern SETTLED_AT_3 =
      Pattern.compile("(?m)^demo: 3 shard\\(s\\) serve (\\d+) objects; \\d+ moved shard;.*$");
  private static final Pattern SHARE =
      Pattern.compile("(?m)^demo:   shard (\\d)/3 serves (\\d+) objects");
  private static final Pattern POD_INFO =
      Pattern.compile("(?m)^kube_pod_info\\{namespace=\"([^\"]*)\",pod=\"([^\"]*)\"");
  private static final Pattern TOTAL =
      Pattern.compile("(?m)^kube_state_metrics_total_shards (\\S+)$");
  private static final Pattern HANDOFF =
      Pattern.compile("(?m)^kube_state_exporter_shard_handoff (\\S+)$");

  @TempDir Path dir;

  /** What the demo printed for one settle at 3 shards, and what its shards served then. */
  private record Settled(int printedTotal, List<Integer> printedShares, List<String> pods) {}

  @Test
  void threeShardsAfterResizeServeEveryPodOnceAndSharesAddUp() throws Exception {
    Path jar = Path.of("target", "kube-state-exporter-demo.jar");
    assertTrue(Files.isRegularFile(jar), "package the jar first: " + jar.toAbsolutePath());
    List<String> args =
        List.of(
            "--shards", "2", "--resize-every", "2", "--resize-sizes", "2,3", "--nodes", "" + NODES,
            "--pods", "" + PODS, "--seed", "" + SEED);
    Settled settled;
    try (DemoProcess demo = DemoProcess.start(jar, dir.resolve("demo.log"), args)) {
      demo.awaitListening(DEADLINE, POLL);
      int[] tried = {-1};
      settled =
          Await.until(
              "a resize to 3 shards to settle and be scraped before the next resize",
              DEADLINE,
              POLL,
              () -> scrapeSettledAtThree(demo.output(), tried),
              s -> s != null);
    }
    SyntheticCluster cluster = SyntheticCluster.generate(SEED, NODES, PODS);
    Set<String> expected = new TreeSet<>();
    for (Pod p : cluster.pods()) {
      expected.add(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
    }
    // The demo's shards are pods of its StatefulSet in its own namespace, exported like any pod.
    for (int k = 0; k < 3; k++) {
      expected.add(DemoRun.NAMESPACE + "/" + DemoRun.STATEFUL_SET + "-" + k);
    }
    assertEquals(expected.size(), settled.pods().size(), "kube_pod_info series, duplicates kept");
    assertEquals(expected, new TreeSet<>(settled.pods()));
    assertEquals(
        settled.printedTotal(),
        settled.printedShares().stream().mapToInt(Integer::intValue).sum(),
        "printed shares " + settled.printedShares());
    // Every seeded object of the default resources (the demo world also holds opt-in kinds),
    // plus the demo's namespace, its StatefulSet and the StatefulSet's three pods.
    Set<Class<?>> exported = new HashSet<>();
    Kinds.defaults().forEach(r -> exported.add(Kinds.get(r).type()));
    long seeded = cluster.objects().stream().filter(o -> exported.contains(o.getClass())).count();
    assertEquals(seeded + 1 + 1 + 3, settled.printedTotal());
  }

  /**
   * When the output shows a settle at 3 shards not tried before: scrapes the three shards, and
   * returns what they served if each still served its share of 3 shards, out of handoff, after
   * the scrape (so the next resize had not begun); null otherwise.
   */
  private static Settled scrapeSettledAtThree(String output, int[] tried) {
    Matcher settled = SETTLED_AT_3.matcher(output);
    int at = -1;
    int printedTotal = 0;
    while (settled.find()) {
      at = settled.start();
      printedTotal = Integer.parseInt(settled.group(1));
    }
    if (at < 0 || at == tried[0]) {
      return null;
    }
    tried[0] = at;
    String before = output.substring(0, at);
    String[] metrics = new String[3];
    String[] telemetry = new String[3];
    Matcher shard = SHARD_LINE.matcher(before);
    while (shard.find()) {
      int k = Integer.parseInt(shard.group(1));
      metrics[k] = shard.group(2);
      telemetry[k] = shard.group(3);
    }
    List<Integer> shares = new ArrayList<>();
    Matcher share = SHARE.matcher(before.substring(before.lastIndexOf("demo: shares of 3")));
    while (share.find()) {
      shares.add(Integer.parseInt(share.group(2)));
    }
    try {
      List<String> pods = new ArrayList<>();
      for (String target : metrics) {
        Matcher m = POD_INFO.matcher(get(target));
        while (m.find()) {
          pods.add(m.group(1) + "/" + m.group(2));
        }
      }
      for (String target : telemetry) {
        String body = get(target);
        if (!gauge(TOTAL, body).equals("3.0") || !gauge(HANDOFF, body).equals("0.0")) {
          return null;
        }
      }
      return new Settled(printedTotal, shares, pods);
    } catch (UncheckedIOException e) {
      // A shard stopped by the next resize before it was scraped: wait for the next settle.
      return null;
    }
  }

  private static String get(String hostPort) {
    int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
    return Endpoints.get(port, "/metrics").body();
  }

  private static String gauge(Pattern p, String body) {
    Matcher m = p.matcher(body);
    return m.find() ? m.group(1) : "";
  }
}
