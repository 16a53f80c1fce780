package dev.kubestate.demo.run;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The demo's commands on standard input, one per line: {@code stop-api} and {@code start-api} (an
 * API server outage and its end), {@code scale N} (the StatefulSet's replicas, as {@code kubectl
 * scale}), {@code status} and {@code help}. A bad line gets one line saying why. Reads until end of
 * input, so a demo without a terminal simply has no commands. Confined to the thread that runs it.
 */
public final class DemoConsole implements Runnable {

  /** The commands, one line each, as {@code help} and {@code demo --help} print them. */
  public static final List<String> HELP =
      List.of(
          "stop-api     stop the API server (an outage: watches end, requests fail)",
          "start-api    start it again on the same port with the same objects",
          "scale N      set the StatefulSet's replicas to N (as kubectl scale)",
          "status       the API server and the StatefulSet in one line",
          "help         this list");

  /** What the commands act on. */
  public interface Controls {
    void stopApiServer();

    void startApiServer();

    void scale(int replicas);

    String status();
  }

  private final BufferedReader in;
  private final PrintWriter out;
  private final Controls controls;

  public DemoConsole(BufferedReader in, PrintWriter out, Controls controls) {
    this.in = in;
    this.out = out;
    this.controls = controls;
  }

  @Override
  public void run() {
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        execute(line);
      }
    } catch (IOException e) {
      out.println("demo: no more commands: " + e.getMessage());
      out.flush();
    }
  }

  /** Runs the command on {@code line}; blank lines are ignored. */
  void execute(String line) {
    String[] words = line.trim().toLowerCase(Locale.ROOT).split("\\s+");
    try {
      switch (words[0]) {
        case "":
          return;
        case "stop-api":
          noArgument(words);
          controls.stopApiServer();
          return;
        case "start-api":
          noArgument(words);
          controls.startApiServer();
          return;
        case "scale":
          controls.scale(replicas(words));
          return;
        case "status":
          noArgument(words);
          out.println("demo: " + controls.status());
          break;
        case "help":
          HELP.forEach(h -> out.println("demo:   " + h));
          break;
        default:
          out.println("demo: unknown command " + words[0] + "; help lists the commands");
          break;
      }
    } catch (IllegalArgumentException e) {
      out.println("demo: " + e.getMessage());
    }
    out.flush();
  }

  private static void noArgument(String[] words) {
    if (words.length > 1) {
      throw new IllegalArgumentException(words[0] + ": takes no argument");
    }
  }

  private static int replicas(String[] words) {
    if (words.length != 2) {
      throw new IllegalArgumentException("scale: expected scale N, e.g. scale 4");
    }
    int n;
    try {
      n = Integer.parseInt(words[1]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("scale: N must be a whole number >= 1, got " + words[1]);
    }
    if (n < 1) {
      throw new IllegalArgumentException("scale: N must be >= 1, got " + n);
    }
    return n;
  }
}
