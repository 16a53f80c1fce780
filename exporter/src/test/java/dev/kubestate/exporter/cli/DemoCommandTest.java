package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
      })
  void rejectsBadValueWithOneLineNamingTheFlag(String arg, String message) {
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            new String[] {"demo", arg}, new PrintWriter(new StringWriter()), new PrintWriter(err));
    assertEquals(Main.EXIT_USAGE, code);
    String text = err.toString().trim();
    assertEquals(1, text.lines().count(), text);
    assertTrue(text.contains(message), text);
  }

  @ParameterizedTest
  @CsvSource({"8080, 8081, 2", "9080, 9079, 2", "65535, 9080, 2"})
  void rejectsPortRangesThatOverlapOrOverflow(int port, int telemetry, int shards) {
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            new String[] {
              "demo", "--port=" + port, "--telemetry-port=" + telemetry, "--shards=" + shards
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));
    assertEquals(Main.EXIT_USAGE, code, err.toString());
  }
}
