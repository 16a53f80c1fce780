package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.KeyAllowlist;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.exporter.resources.Kinds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code --config}: KSM's keys and forms (reference/ksm-flags.tsv), file values replacing flag
 * values (sets and allowlists replace, never merge: ksm-behaviour.md section 11), strict one-line
 * errors naming the key, and {@code --continue-without-config}.
 */
class OptionsFileTest {

  @TempDir Path dir;

  @Test
  void fileValuesReplaceFlagValuesAndSetsDoNotMerge() throws IOException {
    Path file =
        write(
            """
            resources: {namespaces: {}, pods: {}}
            labels_allow_list: {pods: [team]}
            metric_denylist: {"^kube_pod_status_.*": {}}
            telemetry_port: 9100
            namespaces: [a, b]
            object_limit: 5
            """);
    RunCommand run =
        parsed(
            "--resources=nodes,services",
            "--metric-labels-allowlist=pods=[app]",
            "--port=9000",
            "--telemetry-port=9001",
            "--namespaces=c",
            "--config=" + file);
    OptionsFileLoad load = apply(run);
    assertNull(load.problem());
    ExportedMetrics exported = run.metrics.validate();
    assertEquals(List.of("namespaces", "pods"), exported.resources(), "the file's set replaces");
    KeyAllowlist pods = exported.labels().forResource("pods");
    assertTrue(pods.allows("team"));
    assertFalse(pods.allows("app"), "the file's allowlist replaces the flag's");
    assertFalse(accepts(exported, "kube_pod_status_phase"));
    assertTrue(accepts(exported, "kube_pod_info"));
    assertEquals(9000, run.server.port, "a flag the file does not name keeps its value");
    assertEquals(9100, run.server.telemetryPort);
    assertEquals(List.of("a", "b"), run.cluster.namespaces());
    assertEquals(5, run.cluster.objectLimit);
  }

  @Test
  void keysOfEveryFormApply() throws IOException {
    Path file =
        write(
            """
            apiserver: https://example:6443
            host: 127.0.0.1
            port: 0
            enable_gzip_encoding: true
            use_api_server_cache: true
            namespaces_denylist: [kube-system]
            shard: 1
            total_shards: 3
            pod: kse-1
            namespace: monitoring
            metric_opt_in_list: {kube_pod_tolerations: {}}
            annotations_allow_list: {namespaces: ["*"]}
            tls_config: /etc/kube-state-exporter/web.yaml
            auth_filter: true
            server_read_timeout: 30s
            server_write_timeout: 2m
            server_idle_timeout: 1m30s
            server_read_header_timeout: 2s
            """);
    RunCommand run = parsed("--config=" + file);
    apply(run);
    assertEquals("/etc/kube-state-exporter/web.yaml", run.server.tlsConfig);
    assertTrue(run.server.authFilter);
    assertEquals(
        List.of("30s", "2m", "1m30s", "2s"),
        List.of(
            run.server.readTimeout,
            run.server.writeTimeout,
            run.server.idleTimeout,
            run.server.readHeaderTimeout));
    assertEquals("https://example:6443", run.cluster.apiserver);
    assertEquals("127.0.0.1", run.server.host);
    assertEquals(0, run.server.port);
    assertTrue(run.server.enableGzipEncoding);
    assertTrue(run.cluster.useApiserverCache);
    assertEquals(List.of("kube-system"), run.cluster.namespacesDenylist());
    assertEquals(1, run.metrics.staticShard().ordinal());
    assertEquals(3, run.metrics.staticShard().total());
    assertEquals("kse-1", run.sharding.pod);
    assertEquals("monitoring", run.sharding.podNamespace);
    ExportedMetrics exported = run.metrics.validate();
    assertTrue(accepts(exported, "kube_pod_tolerations"));
    assertTrue(exported.annotations().forResource("namespaces").allows("anything"));
  }

  @Test
  void anEmptyFileChangesNothing() throws IOException {
    RunCommand run = parsed("--resources=pods", "--config=" + write(""));
    assertNull(apply(run).problem());
    assertEquals(List.of("pods"), run.metrics.validate().resources());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown key             | resourcez: {pods: {}}         | unknown key "resourcez"
          string for an integer   | port: "8080"                  | key "port": expected an integer, got a string
          integer for a string    | apiserver: 8080               | key "apiserver": expected a string, got a number
          set as a list           | resources: [pods]             | key "resources": expected a mapping of names to {}
          set value not empty     | resources: {pods: 1}          | key "resources": expected a mapping of names to {}
          allowlist as a string   | labels_allow_list: pods=[app] | key "labels_allow_list": expected a mapping
          allowlist keys a string | labels_allow_list: {pods: app} | key "labels_allow_list.pods": expected a list
          namespaces as a string  | namespaces: default           | key "namespaces": expected a list of strings
          boolean as a string     | enable_gzip_encoding: "yes"   | key "enable_gzip_encoding": expected a boolean
          KSM key not supported   | custom_resource_state_config_file: crs.yaml | key "custom_resource_state_config_file": a KSM option this exporter does not support
          not a mapping           | - pods                        | expected a mapping of options, got a list
          """)
  void strictParsingNamesTheKeyInOneLineAndExits2(String what, String yaml, String expected)
      throws IOException {
    Path file = write(yaml + "\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> apply(parsed("--config=" + file)));
    assertTrue(e.getMessage().startsWith("--config: "), e.getMessage());
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    CliTest.Run r = CliTest.run("--config=" + file);
    assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains(expected), r.err());
  }

  @Test
  void aDuplicateKeyIsAnError() throws IOException {
    Path file = write("port: 1\nport: 2\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> apply(parsed("--config=" + file)));
    assertTrue(e.getMessage().contains("port"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  @Test
  void aBadValueOfAKnownKeyNamesTheFlagAndExits2() throws IOException {
    Path file = write("resources: {podz: {}}\n");
    CliTest.Run r = CliTest.run("--config=" + file);
    assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
    assertTrue(r.err().contains("resource \"podz\" does not exist"), r.err());
  }

  @Test
  void aMissingFileExits2UnlessContinueWithoutConfig() {
    String missing = dir.resolve("absent.yaml").toString();
    CliTest.Run r = CliTest.run("--config=" + missing);
    assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("--config: file " + missing + " does not exist"), r.err());

    RunCommand run = parsed("--resources=pods", "--config=" + missing, "--continue-without-config");
    OptionsFileLoad load = apply(run);
    assertTrue(load.problem().contains("does not exist"), load.problem());
    assertNull(load.content());
    assertEquals(List.of("pods"), run.metrics.validate().resources(), "the flags' values stay");
  }

  @Test
  void aBrokenFileWithContinueWithoutConfigKeepsTheFlagsValues() throws IOException {
    Path file = write("resources: {pods: {}\n");
    RunCommand run = parsed("--resources=nodes", "--config=" + file, "--continue-without-config");
    OptionsFileLoad load = apply(run);
    assertTrue(load.problem().startsWith("--config: " + file), load.problem());
    assertFalse(load.problem().contains("\n"), load.problem());
    assertEquals(List.of("nodes"), run.metrics.validate().resources());
  }

  @Test
  void filenameIsThePathAsGivenCleaned() {
    RunCommand run = parsed("--config=/etc/ksm/../ksm/./config.yaml");
    assertEquals("/etc/ksm/config.yaml", run.optionsFile.filename());
  }

  /** Whether {@code exported}'s family filter generates the pod family {@code name}. */
  private static boolean accepts(ExportedMetrics exported, String name) {
    Family<?> family =
        Kinds.get("pods").families(new ResourceOptions(KeyAllowlist.NONE, KeyAllowlist.NONE))
            .stream()
            .filter(f -> f.name().equals(name))
            .findFirst()
            .orElseThrow();
    return exported.filter().accepts(family);
  }

  private Path write(String yaml) throws IOException {
    Path file = Files.createTempFile(dir, "options", ".yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private static RunCommand parsed(String... args) {
    RunCommand run = new RunCommand();
    CommandLine cl = new CommandLine(run);
    cl.setResourceBundle(new HelpTexts());
    cl.parseArgs(args);
    return run;
  }

  private static OptionsFileLoad apply(RunCommand run) {
    return OptionsFileLoad.apply(
        run.optionsFile,
        new OptionsFileKeys.Flags(run.metrics, run.server, run.cluster, run.sharding, run.optionsFile));
  }
}
