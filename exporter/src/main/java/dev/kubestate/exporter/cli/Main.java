package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.resources.Kinds;
import java.io.OutputStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/**
 * Entry point: {@code run} (the default), {@code render} and {@code demo}. A bad flag prints one
 * line naming the flag and the reason, and exits 2.
 */
public final class Main {

  /** Exit code for bad flags or values, as KSM's flag parser. */
  public static final int EXIT_USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line and returns the exit code; used by tests. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    return execute(args, out, err, System.out);
  }

  /**
   * As {@link #execute(String[], PrintWriter, PrintWriter)}, with the exposition bytes that
   * {@code render} prints going to {@code renderOut} instead of standard output.
   */
  static int execute(String[] args, PrintWriter out, PrintWriter err, OutputStream renderOut) {
    System.setProperty("kse.defaultResources", String.join(",", Kinds.defaults()));
    System.setProperty("kse.optInResources", String.join(",", Kinds.optIn()));
    CommandLine cl = commandLine();
    cl.setOut(out);
    cl.setErr(err);
    ((RenderCommand) cl.getSubcommands().get("render").getCommand()).stdout = renderOut;
    return cl.execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new RunCommand());
    cl.addSubcommand("run", new RunCommand());
    cl.addSubcommand("render", new RenderCommand());
    cl.addSubcommand("demo", new DemoCommand());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setParameterExceptionHandler(oneLine());
    for (CommandLine sub : cl.getSubcommands().values()) {
      sub.setParameterExceptionHandler(oneLine());
    }
    return cl;
  }

  private static IParameterExceptionHandler oneLine() {
    return (ParameterException e, String[] args) -> {
      e.getCommandLine().getErr().println("kube-state-exporter: " + e.getMessage());
      e.getCommandLine().getErr().flush();
      return EXIT_USAGE;
    };
  }

  /** Wraps a validation failure so picocli reports it as a usage error (exit 2). */
  static ParameterException usage(CommandLine cl, IllegalArgumentException e) {
    return new ParameterException(cl, e.getMessage(), e);
  }
}
