package dev.kubestate.demo.cli;

import dev.kubestate.demo.run.DemoConsole;
import dev.kubestate.exporter.cli.Main;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Entry point of the demo jar: the product's command line ({@code run}, {@code render}) plus {@code
 * demo}. A bad flag prints one line naming the flag and the reason, and exits 2.
 */
public final class DemoMain {

  /** Flags of the shared mixins that {@code demo} rejects with a reason. */
  static final List<String> REJECTED =
      List.of("--shard", "--total-shards", "--pod", "--pod-namespace");

  private DemoMain() {}

  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit code; used by tests. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = Main.commandLine(System.out);
    Main.addSubcommand(commandLine, "demo", new DemoCommand());
    tailorHelp(commandLine.getSubcommands().get("demo"));
    return Main.execute(commandLine, args, out, err);
  }

  /**
   * Hides the options of the shared mixins that the demo rejects (it sets shard and pod itself), so
   * that {@code demo --help} lists only what it accepts, and lists the console commands.
   */
  private static void tailorHelp(CommandLine demo) {
    CommandSpec spec = demo.getCommandSpec();
    for (String name : REJECTED) {
      OptionSpec option = spec.findOption(name);
      if (option != null) {
        spec.remove(option);
        spec.addOption(OptionSpec.builder(option).hidden(true).build());
      }
    }
    List<String> footer = new ArrayList<>();
    footer.add("%nCommands on standard input while the demo runs:");
    DemoConsole.HELP.forEach(h -> footer.add("  " + h));
    spec.usageMessage().footer(footer.toArray(new String[0]));
  }
}
