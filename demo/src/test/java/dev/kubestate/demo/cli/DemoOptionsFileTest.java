package dev.kubestate.demo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.demo.run.DemoPlan;
import dev.kubestate.exporter.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code demo --config FILE} takes the options file of {@code run} (reference/ksm-flags.tsv keys),
 * as strictly as {@code run} does.
 */
class DemoOptionsFileTest {

  @TempDir Path dir;

  private Path file(String name, String yaml) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, yaml, StandardCharsets.UTF_8);
    return f;
  }

  /** A web config of basic auth only: valid without certificates. */
  private Path webConfig() throws IOException {
    return file(
        "web.yml",
        "basic_auth_users:\n"
            + "  prometheus: $2b$10$jGM42ZG7iu2reikIi5.mpe8y3woqr85lXyOhQR96TAkumo/iTEM.G\n");
  }

  private record Result(int exit, String err) {}

  private static Result execute(String... args) {
    StringWriter err = new StringWriter();
    int code = DemoMain.execute(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
    return new Result(code, err.toString().trim());
  }

  @Test
  void runsFileSetsTheDemosResourcesPortsWebConfigAndTimeoutsAndNamesWhatItIgnores()
      throws Exception {
    Path web = webConfig();
    Path config =
        file(
            "options.yml",
            "resources:\n  pods: {}\n  nodes: {}\n"
                + "labels_allow_list:\n  pods: [app]\n"
                + "port: 9100\ntelemetry_port: 9200\n"
                + "tls_config: " + web + "\n"
                + "server_read_header_timeout: 2s\n"
                + "kubeconfig: /etc/kubernetes/admin.conf\nhost: 0.0.0.0\n");
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs("--config", config.toString(), "--port", "8080");
    List<String> notes = DemoOptionsFile.apply(demo);
    demo.validate();
    DemoPlan plan = demo.plan();
    assertEquals(List.of("nodes", "pods"), plan.metrics().resources());
    assertEquals(9100, plan.port(), "the file's value replaces the flag's, as in run");
    assertEquals(9200, plan.telemetryPort());
    assertEquals(web.toString(), demo.tlsConfig);
    assertEquals(Duration.ofSeconds(2), demo.fromFile.timeouts().readHeader());
    assertEquals(
        List.of("demo: --config " + config + ": not used by the demo: host, kubeconfig"), notes);
  }

  @Test
  void withoutAFileNothingChanges() {
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs("--port", "8090");
    assertEquals(List.of(), DemoOptionsFile.apply(demo));
    demo.validate();
    assertEquals(8090, demo.plan().port());
    assertEquals(Duration.ofSeconds(5), demo.fromFile.timeouts().readHeader());
  }

  @Test
  void anUnknownKeyIsOneLineExit2AsInRun() throws Exception {
    Path config = file("options.yml", "resources:\n  pods: {}\nfrobnicate: true\n");
    Result r = execute("demo", "--config", config.toString());
    assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("frobnicate"), r.err());
  }

  @Test
  void shardKeysAreRefusedAsTheFlagsAre() throws Exception {
    Path config = file("options.yml", "total_shards: 3\n");
    Result r = execute("demo", "--config", config.toString());
    assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
    assertTrue(r.err().contains("--shard/--total-shards: the demo sets each shard itself"),
        r.err());
  }

  @Test
  void aWebConfigThatCannotBeUsedIsOneLineExit1BeforeAnythingStarts() throws Exception {
    Path config = file("options.yml", "tls_config: " + dir.resolve("missing.yml") + "\n");
    Result r = execute("demo", "--config", config.toString(), "--kubeconfig-out",
        dir.resolve("kc").toString());
    assertEquals(1, r.exit(), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().contains("--tls-config " + dir.resolve("missing.yml") + ": no such file"),
        r.err());
    assertTrue(Files.notExists(dir.resolve("kc")), "no kubeconfig written: nothing started");
  }

  @Test
  void aMissingFileIsAnErrorUnlessContinueWithoutConfig() throws Exception {
    Path missing = dir.resolve("none.yml");
    Result r = execute("demo", "--config", missing.toString());
    assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
    assertTrue(r.err().contains("--config"), r.err());
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo)
        .parseArgs("--config", missing.toString(), "--continue-without-config");
    List<String> notes = DemoOptionsFile.apply(demo);
    assertEquals(1, notes.size(), notes.toString());
    assertTrue(notes.get(0).contains("does not exist"), notes.toString());
  }
}
