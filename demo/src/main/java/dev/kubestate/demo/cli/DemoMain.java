package dev.kubestate.demo.cli;

import dev.kubestate.exporter.cli.Main;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of the demo jar: the product's command line ({@code run}, {@code render}) plus {@code
 * demo}. A bad flag prints one line naming the flag and the reason, and exits 2.
 */
public final class DemoMain {

  private DemoMain() {}

  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit code; used by tests. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = Main.commandLine(System.out);
    Main.addSubcommand(commandLine, "demo", new DemoCommand());
    return Main.execute(commandLine, args, out, err);
  }
}
