package dev.kubestate.demo.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.demo.run.DemoPlan;
import dev.kubestate.exporter.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class DemoCommandTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--shards=0                 | --shards: must be >= 1, got 0",
        "--nodes=-1                 | --nodes: must be >= 0, got -1",
        "--pods=-5                  | --pods: must be >= 0, got -5",
        "--churn=-1                 | --churn: must be a number >= 0",
        "--port=70000               | --port: must be 0, or in [1, 65535]",
        "--telemetry-port=-1        | --telemetry-port: must be 0, or in",
        "--shard=1                  | --shard/--total-shards: the demo sets each shard itself",
        "--total-shards=3           | --shard/--total-shards: the demo sets each shard itself",
        "--resources=nope           | --resources: resource \"nope\" does not exist",
        "--resize-every=-1          | --resize-every: must be >= 0, got -1",
        "--resize-sizes=3,4         | --resize-sizes: only used with --resize-every S, S > 0",
        "--api-server-shard-selector=x | --api-server-shard-selector: expected honour or ignore",
        "--shard-map=nope           | --shard-map: unknown shard map nope",
        "--server-side-sharding=yes | --server-side-sharding: expected auto, on or off, got yes",
        "--pod=kse-0                | --pod/--pod-namespace: the demo runs each shard as a pod",
        "--pod-namespace=monitoring | --pod/--pod-namespace: the demo runs each shard as a pod",
        "--api-server-port=70000    | --api-server-port: must be in [0, 65535], got 70000",
        "--api-server-port=8080     | --api-server-port: 8080 is one of the shards' ports"
            + " 8080-8080",
        "--kubeconfig-out=/nope/kc  | --kubeconfig-out: /nope/kc is not a file in an existing",
      })
  void rejectsBadValueWithOneLineNamingTheFlag(String arg, String message) {
    StringWriter err = new StringWriter();
    int code =
        DemoMain.execute(
            new String[] {"demo", arg}, new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertEquals(Main.EXIT_USAGE, code);
    String text = err.toString().trim();
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.contains(message), text);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--resize-every=5 --resize-sizes=2,0   | --resize-sizes: sizes must be >= 1, got 0",
        "--server-side-sharding=on --shard-map=ksm | --server-side-sharding: on needs"
            + " --shard-map=consistent-ranges",
        "--port=65533 --telemetry-port=9080 --resize-every=5 --resize-sizes=1,4"
            + " | --port: must be 0, or in [1, 65532] for 4 shard(s), got 65533",
        "--port=8080 --telemetry-port=8083 --resize-every=5 --resize-sizes=2,4"
            + " | --telemetry-port: ports 8083-8086 overlap --port's 8080-8083",
      })
  void rejectsBadCombinationWithOneLineNamingTheFlag(String args, String message) {
    StringWriter err = new StringWriter();
    String[] argv = ("demo " + args.trim()).split(" ");
    int code = DemoMain.execute(argv, new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertEquals(Main.EXIT_USAGE, code);
    String text = err.toString().trim();
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.contains(message), text);
  }

  @Test
  void helpListsOnlyFlagsTheDemoAcceptsAndTheConsoleCommands() {
    StringWriter out = new StringWriter();
    int code =
        DemoMain.execute(
            new String[] {"demo", "--help"},
            new PrintWriter(out),
            new PrintWriter(new StringWriter()));
    assertEquals(0, code);
    String help = out.toString();
    for (String rejected : DemoMain.REJECTED) {
      assertFalse(help.contains(rejected + "="), rejected + " listed:\n" + help);
      assertFalse(help.contains(rejected + " "), rejected + " listed:\n" + help);
    }
    for (String accepted :
        List.of("--shards=K", "--api-server-port=P", "--kubeconfig-out=FILE", "--resources=")) {
      assertTrue(help.contains(accepted), accepted + " missing:\n" + help);
    }
    assertTrue(help.contains("  stop-api "), help);
    assertTrue(help.contains("  scale N "), help);
  }

  @Test
  void theApiServerListensOn6443AndTheKubeconfigGoesToTheWorkingDirectory() {
    DemoPlan demo = parse();
    assertEquals(6443, demo.apiServerPort());
    assertEquals(java.nio.file.Path.of("kube-state-exporter-demo.kubeconfig"), demo.kubeconfig());
    assertEquals(0, parse("--api-server-port=0").apiServerPort());
  }

  @Test
  void resizesCycleFromTheStartingSizeThroughTheGivenSizes() {
    DemoPlan demo = parse("--shards=3", "--resize-every=20", "--resize-sizes=3,4,2,5");
    assertEquals(List.of(3, 4, 2, 5), demo.resizes());
    assertEquals(20, demo.resizeEverySeconds());
    assertEquals(List.of(3, 4), parse("--shards=3", "--resize-every=20").resizes());
    assertEquals(List.of(), parse("--shards=3").resizes());
  }

  @Test
  void apiServerShardSelectorChoosesTheEmbeddedServersBehaviour() {
    assertTrue(parse().apiServer().shardSelector());
    assertFalse(parse("--api-server-shard-selector=ignore").apiServer().shardSelector());
  }

  private static DemoPlan parse(String... args) {
    DemoCommand demo = new DemoCommand();
    new CommandLine(demo).parseArgs(args);
    demo.validate();
    return demo.plan();
  }

  @ParameterizedTest
  @CsvSource({"8080, 8081, 2", "9080, 9079, 2", "65535, 9080, 2"})
  void rejectsPortRangesThatOverlapOrOverflow(int port, int telemetry, int shards) {
    StringWriter err = new StringWriter();
    int code =
        DemoMain.execute(
            new String[] {
              "demo", "--port=" + port, "--telemetry-port=" + telemetry, "--shards=" + shards
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));
    assertEquals(Main.EXIT_USAGE, code, err.toString());
  }
}
