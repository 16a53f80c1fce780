package dev.kubestate.demo.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The packaged {@code demo} command end to end: two shards on ephemeral ports watch the embedded
 * API server; together they export every pod exactly once (the seeded pods and the demo's own two
 * exporter pods); SIGTERM stops the demo with exit 0.
 */
class DemoIT {

  private static final int PODS = 120;

  /** The seeded pods plus the demo's shards, which run as pods of its StatefulSet. */
  private static final int EXPORTED_PODS = PODS + 2;
  private static final Pattern SHARD_LINE =
      Pattern.compile("demo: shard (\\d+)/2: metrics (http://\\S+/metrics)");
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(180);

  @Test
  void twoShardsTogetherExportEveryPodOnceAndStopCleanly() throws Exception {
    Path jar = Path.of("target", "kube-state-exporter-demo.jar");
    assertTrue(Files.isRegularFile(jar), "package the jar first: " + jar.toAbsolutePath());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process demo =
        new ProcessBuilder(
                java,
                "-jar",
                jar.toString(),
                "demo",
                "--shards",
                "2",
                "--port",
                "0",
                "--telemetry-port",
                "0",
                "--nodes",
                "5",
                "--pods",
                Integer.toString(PODS),
                "--seed",
                "3")
            .redirectErrorStream(true)
            .start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    List<String> transcript = new ArrayList<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                lines.add("(output closed: " + e + ")");
              }
            },
            "demo-output");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + DEADLINE_NANOS;
    try {
      String[] urls = new String[2];
      awaitLine(
          lines,
          transcript,
          demo,
          deadline,
          line -> {
            Matcher m = SHARD_LINE.matcher(line);
            if (m.find()) {
              urls[Integer.parseInt(m.group(1))] = m.group(2);
            }
            return line.contains("all 2 shard(s) synced");
          });
      Set<String> union = awaitAllPods(urls, lines, transcript, deadline);
      assertEquals(EXPORTED_PODS, union.size());
    } finally {
      demo.destroy();
    }
    assertTrue(demo.waitFor(60, TimeUnit.SECONDS), "demo stops on SIGTERM");
    assertEquals(0, demo.exitValue(), String.join("\n", transcript));
  }

  /** Scrapes both shards until their kube_pod_info series add up to every pod, no series twice. */
  private static Set<String> awaitAllPods(
      String[] urls, BlockingQueue<String> lines, List<String> transcript, long deadline)
      throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    while (true) {
      Set<String> union = new HashSet<>();
      int total = 0;
      for (String url : urls) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), url);
        for (String line : r.body().split("\n")) {
          if (line.startsWith("kube_pod_info{")) {
            String series = line.substring(0, line.lastIndexOf(' '));
            assertTrue(union.add(series), "series exported twice: " + series);
            total++;
          }
        }
      }
      if (total == EXPORTED_PODS || System.nanoTime() > deadline) {
        return union;
      }
      // Informers report synced before every add has reached the store; wait for more output
      // or half a second, then look again.
      String line = lines.poll(500, TimeUnit.MILLISECONDS);
      if (line != null) {
        transcript.add(line);
      }
    }
  }

  private interface LineTest {
    boolean done(String line);
  }

  private static void awaitLine(
      BlockingQueue<String> lines,
      List<String> transcript,
      Process demo,
      long deadline,
      LineTest test)
      throws InterruptedException {
    while (System.nanoTime() < deadline) {
      // Poll in slices so that a demo that exits early fails the test at once.
      String line = lines.poll(1, TimeUnit.SECONDS);
      if (line == null) {
        if (!demo.isAlive() && demo.waitFor(5, TimeUnit.SECONDS)) {
          lines.drainTo(transcript);
          fail(
              "demo exited with "
                  + demo.exitValue()
                  + "; output:\n"
                  + String.join("\n", transcript));
        }
        continue;
      }
      transcript.add(line);
      if (test.done(line)) {
        return;
      }
    }
    fail(
        "demo did not report all shards synced in time; output:\n" + String.join("\n", transcript));
  }
}
