package dev.kubestate.demo.run;

import dev.kubestate.exporter.testing.Await;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged jar's {@code demo} command in a child JVM, every shard on ephemeral ports. {@link
 * #close} stops it and waits for its exit; idempotent.
 */
final class DemoProcess implements AutoCloseable {

  private static final Pattern SHARD_LINE =
      Pattern.compile(
          "demo: shard (\\d+)/\\d+: metrics (https?)://(\\S+)/metrics  telemetry"
              + " (https?)://(\\S+)/metrics");
  private static final String RUNNING = "demo: running";
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final ChildProcess process;
  private final List<String> metricsTargets = new ArrayList<>();
  private final List<String> telemetryTargets = new ArrayList<>();
  private final List<String> schemes = new ArrayList<>();

  private DemoProcess(ChildProcess process) {
    this.process = process;
  }

  /**
   * Starts {@code java -jar jar demo --port 0 --telemetry-port 0 --api-server-port 0 args...}, with
   * the kubeconfig beside {@code log} and its output going to {@code log}; returns at once.
   */
  static DemoProcess start(Path jar, Path log, List<String> args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-jar", jar.toString(), "demo"));
    command.addAll(List.of("--port", "0", "--telemetry-port", "0", "--api-server-port", "0"));
    command.addAll(List.of("--kubeconfig-out", log.resolveSibling("kubeconfig").toString()));
    command.addAll(args);
    return new DemoProcess(ChildProcess.start("demo", command, log, STOP_TIMEOUT));
  }

  /**
   * Waits until the demo reports that every shard listens, then records each shard's {@code
   * host:port} targets in shard order.
   *
   * @throws AssertionError with the demo's output when it exits first or the deadline passes
   */
  void awaitListening(Duration deadline, Duration poll) {
    String output =
        Await.until(
            "the demo to start every shard",
            deadline,
            poll,
            () -> {
              String text = process.output();
              if (!text.contains(RUNNING)) {
                process.assertAlive();
              }
              return text;
            },
            text -> text.contains(RUNNING));
    Matcher m = SHARD_LINE.matcher(output);
    while (m.find()) {
      if (Integer.parseInt(m.group(1)) != metricsTargets.size()) {
        throw new AssertionError("shard lines out of order; output:\n" + output);
      }
      schemes.add(m.group(2));
      metricsTargets.add(m.group(3));
      schemes.add(m.group(4));
      telemetryTargets.add(m.group(5));
    }
  }

  /** The URL schemes the start lines print, metrics then telemetry, shard 0 first. */
  List<String> schemes() {
    return List.copyOf(schemes);
  }

  /** {@code host:port} of each shard's {@code /metrics}, shard 0 first. */
  List<String> metricsTargets() {
    return List.copyOf(metricsTargets);
  }

  /** {@code host:port} of each shard's telemetry {@code /metrics}, shard 0 first. */
  List<String> telemetryTargets() {
    return List.copyOf(telemetryTargets);
  }

  /** Everything the demo has printed so far. */
  String output() {
    return process.output();
  }

  @Override
  public void close() {
    process.close();
  }
}
