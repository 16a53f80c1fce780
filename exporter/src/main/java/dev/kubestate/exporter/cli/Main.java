package dev.kubestate.exporter.cli;

import java.io.OutputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of the product: {@code run} (the default) and {@code render}. A bad flag prints one
 * line naming the flag and the reason, and exits 2 (1 for a {@link StartCheckFailure}). Other
 * entry points (the demo's) build on {@link #commandLine} and add their own subcommands with
 * {@link #addSubcommand}.
 */
public final class Main {

  /** Exit code for bad flags or values, as KSM's flag parser. */
  public static final int EXIT_USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(
        execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit code; used by tests. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return execute(args, out, err, System.out);
  }

  /**
   * As {@link #execute(String[], PrintWriter, PrintWriter)}, with the exposition bytes that {@code
   * render} prints going to {@code renderOut} instead of standard output.
   */
  static int execute(String[] args, PrintWriter out, PrintWriter err, OutputStream renderOut) {
    return execute(commandLine(renderOut), args, out, err);
  }

  /**
   * Runs {@code commandLine} on {@code args} with its output going to {@code out} and {@code err}.
   */
  public static int execute(
      CommandLine commandLine, String[] args, PrintWriter out, PrintWriter err) {
    commandLine.setOut(out);
    commandLine.setErr(err);
    return commandLine.execute(args);
  }

  /**
   * The product's command line: {@code run} as the top command and as a subcommand, and {@code
   * render}, whose exposition bytes go to {@code renderOut}.
   */
  public static CommandLine commandLine(OutputStream renderOut) {
    CommandLine cl = new CommandLine(new RunCommand());
    cl.setResourceBundle(new HelpTexts());
    configure(cl);
    addSubcommand(cl, "run", new RunCommand());
    addSubcommand(cl, "render", new RenderCommand(renderOut));
    return cl;
  }

  /**
   * Adds {@code command} as subcommand {@code name}, failing on bad flags as every command does.
   */
  public static void addSubcommand(CommandLine commandLine, String name, Object command) {
    CommandLine sub = new CommandLine(command);
    // The command's own name (run's is the program's) would otherwise show in its usage line
    // after the program's: "kube-state-exporter kube-state-exporter".
    sub.getCommandSpec().name(name);
    sub.setResourceBundle(commandLine.getResourceBundle());
    configure(sub);
    commandLine.addSubcommand(name, sub);
  }

  private static void configure(CommandLine cl) {
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(oneLine());
  }

  private static IParameterExceptionHandler oneLine() {
    return (ParameterException e, String[] args) -> {
      e.getCommandLine().getErr().println("kube-state-exporter: " + e.getMessage());
      e.getCommandLine().getErr().flush();
      return e.getCause() instanceof StartCheckFailure ? StartCheckFailure.EXIT_CODE : EXIT_USAGE;
    };
  }

  /** Wraps a validation failure so picocli reports it as a usage error (exit 2). */
  public static ParameterException usage(CommandLine cl, IllegalArgumentException e) {
    return new ParameterException(cl, e.getMessage(), e);
  }
}
