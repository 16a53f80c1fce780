package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.resources.Kinds;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The command line: bad flags fail fast with one line and exit 2, {@code --help} lists KSM's flags,
 * and {@code render} reads YAML, JSON, lists and stdin, naming file and document of anything it
 * cannot read (the rules of ../shared/STYLE.md "Errors and logging").
 */
public class CliTest {

  /** What one in-process run printed. */
  public record Run(int exit, String out, String err, String exposition) {
    List<String> errLines() {
      return err.isEmpty() ? List.of() : List.of(err.split("\n"));
    }
  }

  public static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream exposition = new ByteArrayOutputStream();
    int exit =
        Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true), exposition);
    return new Run(
        exit, out.toString(), err.toString(), exposition.toString(StandardCharsets.UTF_8));
  }

  static String resource(String name) {
    URL url = CliTest.class.getResource("/render/" + name);
    assertNotNull(url, name);
    try {
      return Path.of(url.toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--total-shards=0 | --total-shards",
        "--shard=3 --total-shards=3 | --shard",
        "--shard=-1 | --shard",
        "--resources=nope | --resources",
        "--metric-allowlist=a --metric-denylist=b | --metric-denylist",
        "--metric-denylist=( | --metric-denylist",
        "--metric-labels-allowlist=nope=[a] | --metric-labels-allowlist",
        "--metric-labels-allowlist=pods=[a*b*] | --metric-labels-allowlist",
        "--port=70000 | --port",
        "--node=node-1 | --node",
        "--node=node-1 --resources=pods,nodes | --node",
        "--track-unscheduled-pods | --track-unscheduled-pods",
        "--node=node-1 --track-unscheduled-pods --resources=namespaces,pods"
            + " | --track-unscheduled-pods",
        "--node=a,spec.nodeName=b --resources=pods | --node",
        "--shard-map=fnv | --shard-map",
        "--server-side-sharding=yes | --server-side-sharding",
        "--server-side-sharding=on --shard-map=ksm | --server-side-sharding",
        "--server-side-sharding=on --shard-map=jump-back-hash | consistent-ranges",
        "--frobnicate | --frobnicate"
      })
  void rejectsBadFlagWithOneLineNamingItAndExit2(String flags, String flag) {
    Run r = run(flags.split(" "));
    assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains(flag), r.err());
  }

  @Test
  void nodeSelectionNamesTheResourcesThatAreNotPods() {
    Run r = run("--node=node-1", "--resources=pods,nodes,services");
    assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains("--node=node-1"), r.err());
    assertTrue(r.err().contains("nodes,services"), r.err());
  }

  @Test
  void nodeSelectionWithTheDefaultResourcesNamesThemAll() {
    Run r = run("--track-unscheduled-pods");
    assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
    assertTrue(r.err().contains("--track-unscheduled-pods"), r.err());
    List<String> others =
        Kinds.defaults().stream().filter(name -> !name.equals("pods")).toList();
    assertTrue(r.err().contains("also enabled: " + String.join(",", others)), r.err());
  }

  @ParameterizedTest(name = "render {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--total-shards=0 | --total-shards",
        "--shard=3 --total-shards=3 | --shard",
        "--resources=nope | --resources",
        "--metric-allowlist=a --metric-denylist=b | --metric-denylist",
        "--metric-denylist=( | --metric-denylist",
        "--metric-labels-allowlist=pods=[a*b*] | --metric-labels-allowlist",
        "--frobnicate | --frobnicate"
      })
  void renderRejectsBadFlagBeforeReadingFiles(String flags, String flag) {
    List<String> args = new ArrayList<>(List.of("render"));
    args.addAll(List.of(flags.split(" ")));
    args.add(resource("namespace.json"));
    Run r = run(args.toArray(String[]::new));
    assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains(flag), r.err());
    assertEquals("", r.exposition());
  }

  @Test
  void helpListsEveryKsmFlagWeSupport() {
    Run r = run("--help");
    assertEquals(0, r.exit(), r.err());
    Set<String> declared = Main.commandLine(System.out).getCommandSpec().optionsMap().keySet();
    for (String flag :
        List.of(
            "--port",
            "--host",
            "--telemetry-port",
            "--telemetry-host",
            "--kubeconfig",
            "--apiserver",
            "--resources",
            "--namespaces",
            "--namespaces-denylist",
            "--metric-allowlist",
            "--metric-denylist",
            "--metric-opt-in-list",
            "--metric-labels-allowlist",
            "--metric-annotations-allowlist",
            "--shard",
            "--total-shards",
            "--node",
            "--track-unscheduled-pods",
            "--use-apiserver-cache")) {
      assertTrue(declared.contains(flag), flag + " declared");
      assertTrue(r.out().contains(flag), flag + " in --help");
    }
  }

  @Test
  void helpNamesTheDefaultAndOptInResourcesOfTheRegistry() {
    String help = run("--help").out().replaceAll("\\s+", "");
    assertTrue(help.contains("(" + String.join(",", Kinds.defaults()) + ")"), help);
    assertTrue(help.contains("Exportedonlywhennamed:" + String.join(",", Kinds.optIn())), help);
  }

  @Test
  void helpListsEveryDeclaredFlagThatKsmHas() throws Exception {
    Path tsv = Path.of(CliTest.class.getResource("/reference/ksm-flags.tsv").toURI());
    Set<String> declared = Main.commandLine(System.out).getCommandSpec().optionsMap().keySet();
    String help = run("--help").out();
    int checked = 0;
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      String flag = line.split("\t", 2)[0];
      if (flag.startsWith("--") && declared.contains(flag)) {
        assertTrue(help.contains(flag), flag + " in --help");
        checked++;
      }
    }
    assertTrue(checked >= 17, "KSM flags declared: " + checked);
  }

  @Test
  void renderReportsUnparsableDocumentAndRendersTheOthers() {
    String file = resource("bad-yaml-in-middle.yaml");
    Run r = run("render", "--resources=namespaces", file);
    assertEquals(1, r.exit());
    assertTrue(r.err().contains(file + ", document 2: "), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertPhase(r, "first", "Active");
    assertPhase(r, "third", "Terminating");
  }

  @Test
  void renderReportsDocumentWithoutKindAndRendersTheOthers() {
    String file = resource("no-kind-in-middle.yaml");
    Run r = run("render", "--resources=namespaces", file);
    assertEquals(1, r.exit());
    assertTrue(
        r.err().contains(file + ", document 2, kindless: no \"kind\" field; skipped"), r.err());
    assertPhase(r, "first", "Active");
    assertPhase(r, "third", "Terminating");
    assertFalse(r.exposition().contains("kindless"), r.exposition());
  }

  @Test
  void renderReadsKubectlList() {
    Run r = run("render", "--resources=namespaces", resource("list.yaml"));
    assertEquals(0, r.exit(), r.err());
    assertPhase(r, "listed-a", "Active");
    assertPhase(r, "listed-b", "Terminating");
    assertTrue(
        r.exposition().contains("kube_namespace_created{namespace=\"listed-a\"} 1.5e+09\n"),
        r.exposition());
  }

  @Test
  void renderReadsJson() {
    Run r = run("render", "--resources=namespaces", resource("namespace.json"));
    assertEquals(0, r.exit(), r.err());
    assertPhase(r, "from-json", "Terminating");
  }

  @Test
  void renderReadsStandardInputForDash() throws Exception {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream(Files.readAllBytes(Path.of(resource("list.yaml")))));
      Run r = run("render", "--resources=namespaces", "-");
      assertEquals(0, r.exit(), r.err());
      assertPhase(r, "listed-a", "Active");
    } finally {
      System.setIn(saved);
    }
  }

  @Test
  void renderWritesHeadersOnlyForResourcesWithObjects() {
    Run r = run("render", "--resources=namespaces,services", resource("namespace.json"));
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.exposition().startsWith("# HELP kube_namespace_"), r.exposition());
    assertFalse(r.exposition().contains("kube_service_"), r.exposition());
  }

  /** KSM writes both phase series of a namespace (golden/namespaces/01). */
  private static void assertPhase(Run r, String namespace, String phase) {
    String other = phase.equals("Active") ? "Terminating" : "Active";
    String prefix = "kube_namespace_status_phase{namespace=\"" + namespace + "\",phase=\"";
    assertTrue(r.exposition().contains(prefix + phase + "\"} 1\n"), r.exposition());
    assertTrue(r.exposition().contains(prefix + other + "\"} 0\n"), r.exposition());
  }
}
