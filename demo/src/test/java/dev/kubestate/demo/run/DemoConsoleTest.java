package dev.kubestate.demo.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoConsoleTest {

  /** Records what the commands asked for. */
  private static final class Recorder implements DemoConsole.Controls {
    final List<String> calls = new ArrayList<>();

    @Override
    public void stopApiServer() {
      calls.add("stop");
    }

    @Override
    public void startApiServer() {
      calls.add("start");
    }

    @Override
    public void scale(int replicas) {
      calls.add("scale " + replicas);
    }

    @Override
    public String status() {
      calls.add("status");
      return "fine";
    }
  }

  @Test
  void runsEachCommandOfItsInputInOrder() {
    Recorder controls = new Recorder();
    String out = run("stop-api\n\n  start-api  \nSCALE 4\nstatus\n", controls);
    assertEquals(List.of("stop", "start", "scale 4", "status"), controls.calls);
    assertEquals("demo: fine\n", out);
  }

  @Test
  void answersABadLineWithOneLineAndKeepsReading() {
    Recorder controls = new Recorder();
    String out = run("scale\nscale four\nscale 0\nstop-api now\nreboot\nscale 2\n", controls);
    assertEquals(List.of("scale 2"), controls.calls);
    assertEquals(
        List.of(
            "demo: scale: expected scale N, e.g. scale 4",
            "demo: scale: N must be a whole number >= 1, got four",
            "demo: scale: N must be >= 1, got 0",
            "demo: stop-api: takes no argument",
            "demo: unknown command reboot; help lists the commands"),
        out.lines().toList());
  }

  @Test
  void helpListsEveryCommand() {
    String out = run("help\n", new Recorder());
    assertEquals(DemoConsole.HELP.size(), out.lines().count());
    for (String command : List.of("stop-api", "start-api", "scale N", "status", "help")) {
      assertEquals(
          1, out.lines().filter(l -> l.startsWith("demo:   " + command + " ")).count(), out);
    }
  }

  private static String run(String input, DemoConsole.Controls controls) {
    StringWriter out = new StringWriter();
    new DemoConsole(new BufferedReader(new StringReader(input)), new PrintWriter(out), controls)
        .run();
    return out.toString().replace(System.lineSeparator(), "\n");
  }
}
