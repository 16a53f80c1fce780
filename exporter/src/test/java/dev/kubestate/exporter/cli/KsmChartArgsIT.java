package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestStatefulSets;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The exporter as a drop-in under KSM's Helm chart: the packaged jar, started with exactly the
 * arguments and environment the prometheus-community {@code kube-state-metrics} chart gives its
 * container (by default, and with {@code autosharding.enabled=true}), plus {@code --apiserver}
 * pointing it at the test API server, starts, syncs, serves, and stops on SIGTERM without a stack
 * trace.
 *
 * <p>The chart's ports are chart values; the test sets {@code service.port} and {@code
 * selfMonitor.telemetryPort} to free ports (the latter makes the chart pass {@code
 * --telemetry-port}), so that parallel runs on one machine do not collide on 8080 and 8081.
 */
@ExtendWith(CrudApiServer.class)
class KsmChartArgsIT {

  /** Where the arguments below come from. */
  static final String CHART =
      "prometheus-community/helm-charts charts/kube-state-metrics, chart version 8.4.0"
          + " (appVersion 2.20.0), commit 1982f1c5828920f5d4ea5d04956169e81f8c5129:"
          + " templates/deployment.yaml (args, env), templates/_helpers.tpl"
          + " (kube-state-metrics.collectors), values.yaml (collectors, service.port)";

  /** {@code values.yaml}'s {@code collectors}: the 28 resources the chart enables by default. */
  static final String CHART_COLLECTORS =
      "certificatesigningrequests,configmaps,cronjobs,daemonsets,deployments,endpointslices,"
          + "horizontalpodautoscalers,ingresses,jobs,leases,limitranges,"
          + "mutatingwebhookconfigurations,namespaces,networkpolicies,nodes,"
          + "persistentvolumeclaims,persistentvolumes,poddisruptionbudgets,pods,replicasets,"
          + "replicationcontrollers,resourcequotas,secrets,services,statefulsets,storageclasses,"
          + "validatingwebhookconfigurations,volumeattachments";

  /**
   * The container's args with default values, in the template's order; {@code {{service.port}}}
   * and {@code {{selfMonitor.telemetryPort}}} are the chart values the test sets.
   */
  static final List<String> DEFAULT_ARGS =
      List.of(
          "--port={{service.port}}",
          "--resources=" + CHART_COLLECTORS,
          "--telemetry-port={{selfMonitor.telemetryPort}}");

  /** The args with {@code autosharding.enabled=true} (the workload becomes a StatefulSet). */
  static final List<String> AUTOSHARDING_ARGS =
      List.of(
          "--port={{service.port}}",
          "--resources=" + CHART_COLLECTORS,
          "--pod=$(POD_NAME)",
          "--pod-namespace=$(POD_NAMESPACE)",
          "--telemetry-port={{selfMonitor.telemetryPort}}");

  /** The release: name and namespace, as {@code helm install kube-state-metrics -n monitoring}. */
  static final String RELEASE = "kube-state-metrics";

  static final String NAMESPACE = "monitoring";

  private static final Pattern VARIABLE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  static KubernetesClient client;
  static KubernetesMockServer server;

  @BeforeAll
  static void seed() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build())
        .create();
    client
        .pods()
        .inNamespace("default")
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName("web-1")
                .endMetadata()
                .withNewSpec()
                .withNodeName("node-1")
                .endSpec()
                .build())
        .create();
    TestStatefulSets.create(client, NAMESPACE, RELEASE, 1, 1);
  }

  @Test
  void startsSyncsAndServesWithTheChartsDefaultArguments() throws Exception {
    Run run = start(DEFAULT_ARGS, Map.of());
    try {
      run.awaitReady();
      String metrics = Endpoints.get(run.port, "/metrics").body();
      assertTrue(metrics.contains("kube_pod_info{") && metrics.contains("pod=\"web-1\""), metrics);
      assertTrue(metrics.contains("kube_namespace_created{namespace=\"" + NAMESPACE + "\"}"));
      String telemetry = Endpoints.get(run.telemetryPort, "/metrics").body();
      assertTrue(telemetry.contains("kube_state_metrics_total_shards 1"), telemetry);
    } finally {
      run.stopCleanly();
    }
  }

  @Test
  void startsSyncsAndServesWithAutoshardingAsTheStatefulSetsPod() throws Exception {
    // The chart's env for autosharding: POD_NAME and POD_NAMESPACE from the downward API.
    Run run =
        start(AUTOSHARDING_ARGS, Map.of("POD_NAME", RELEASE + "-0", "POD_NAMESPACE", NAMESPACE));
    try {
      run.awaitReady();
      String metrics = Endpoints.get(run.port, "/metrics").body();
      assertTrue(metrics.contains("pod=\"web-1\""), metrics);
      String telemetry = Endpoints.get(run.telemetryPort, "/metrics").body();
      assertTrue(
          telemetry.contains("kube_state_metrics_shard_ordinal{shard_ordinal=\"0\"} 0"), telemetry);
      assertTrue(
          run.log().contains("automatic sharding as pod " + NAMESPACE + "/" + RELEASE + "-0"),
          run.log());
    } finally {
      run.stopCleanly();
    }
  }

  /** One exporter process. */
  private static final class Run {
    final Process process;
    final Path stderr;
    final int port;
    final int telemetryPort;

    Run(Process process, Path stderr, int port, int telemetryPort) {
      this.process = process;
      this.stderr = stderr;
      this.port = port;
      this.telemetryPort = telemetryPort;
    }

    String log() {
      try {
        return Files.readString(stderr, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return e.toString();
      }
    }

    void awaitReady() {
      Await.until(
          "the exporter ready (telemetry /readyz 200); its log:\n" + log(),
          Duration.ofSeconds(90),
          Duration.ofMillis(200),
          () -> process.isAlive() ? status(telemetryPort, "/readyz") : -2,
          s -> s == 200 || s == -2);
      assertTrue(process.isAlive(), () -> "exited:\n" + log());
    }

    /**
     * SIGTERM, then: exits, logs "stopped", no stack trace from "stopping" on, and no error line
     * anywhere.
     */
    void stopCleanly() throws Exception {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      String log = log();
      assertFalse(process.isAlive(), log);
      int stopping = log.indexOf(" - stopping");
      assertTrue(stopping > 0 && log.indexOf(" - stopped", stopping) > 0, log);
      for (String line : log.substring(stopping).split("\n")) {
        assertFalse(line.startsWith("\tat ") || line.startsWith("Caused by"), log);
      }
      for (String line : log.split("\n")) {
        assertFalse(line.contains(" ERROR "), log);
        // Micrometer's warning about Vert.x's active-requests gauge, once per start before.
        assertFalse(line.contains("already registered"), log);
      }
    }
  }

  private static Run start(List<String> chartArgs, Map<String, String> env) throws IOException {
    Path jar = Path.of("target", "kube-state-exporter.jar");
    assumeTrue(Files.isRegularFile(jar), "the packaged jar is built in the package phase: " + jar);
    int port = freePort();
    int telemetryPort = freePort();
    Map<String, String> values =
        Map.of(
            "service.port", Integer.toString(port),
            "selfMonitor.telemetryPort", Integer.toString(telemetryPort));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    for (String arg : chartArgs) {
      command.add(kubeletExpands(chartValues(arg, values), env));
    }
    command.add("--apiserver=" + server.url("/").replaceAll("/$", ""));
    Path stderr = Files.createTempFile("ksm-chart-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(stderr.toFile());
    builder.environment().remove("KUBECONFIG");
    builder.environment().putAll(env);
    return new Run(builder.start(), stderr, port, telemetryPort);
  }

  /** Fills the chart values the test sets. */
  static String chartValues(String arg, Map<String, String> values) {
    String out = arg;
    for (Map.Entry<String, String> v : values.entrySet()) {
      out = out.replace("{{" + v.getKey() + "}}", v.getValue());
    }
    return out;
  }

  /** Expands {@code $(VAR)} from the container's env, as the kubelet does for args. */
  static String kubeletExpands(String arg, Map<String, String> env) {
    Matcher m = VARIABLE.matcher(arg);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = env.get(m.group(1));
      m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
    }
    m.appendTail(out);
    return out.toString();
  }

  @Test
  void kubeletExpansionReplacesOnlyKnownVariables() {
    assertEquals("--pod=ksm-0", kubeletExpands("--pod=$(POD_NAME)", Map.of("POD_NAME", "ksm-0")));
    assertEquals("--pod=$(OTHER)", kubeletExpands("--pod=$(OTHER)", Map.of("POD_NAME", "x")));
  }

  private static int status(int port, String path) {
    try {
      return Endpoints.get(port, path).statusCode();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
