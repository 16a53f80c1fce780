package dev.kubestate.demo.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;

/**
 * A bound on the demo's heap. Left alone, the JVM may grow its heap to a quarter of the machine's
 * memory, several GiB for a demo whose live heap is about 100 MiB at 2,000 pods; a jar's manifest
 * cannot set JVM options, so a demo started without a heap limit of its own starts itself again in
 * a child JVM with {@code -Xmx} from the cluster's size ({@link #mebibytes}) and waits for it,
 * sharing its terminal. A limit given on the command line ({@code -Xmx}, {@code -XX:MaxHeapSize},
 * {@code -XX:MaxRAMPercentage}, {@code -XX:MaxRAM}), also through {@code JAVA_TOOL_OPTIONS} or
 * {@code JDK_JAVA_OPTIONS}, is kept as it is. Immutable.
 */
final class BoundedHeap {

  private static final List<String> LIMITS =
      List.of(
          "-Xmx",
          "-XX:MaxHeapSize=",
          "-XX:MaxRAMPercentage=",
          "-XX:MaxRAM=",
          "-XX:MaxRAMFraction=");

  /**
   * Runs the command line of {@code root} again in a child JVM with a heap of {@code mebibytes}
   * MiB, sharing this terminal, and returns its exit code (1 when it cannot start).
   */
  static int relaunch(CommandLine root, PrintWriter out, PrintWriter err, long mebibytes) {
    out.printf(
        Locale.ROOT,
        "demo: heap bounded: the demo runs in a child JVM with -Xmx%dm (java -Xmx... chooses"
            + " another bound)%n",
        mebibytes);
    out.flush();
    List<String> args = root.getParseResult().originalArgs();
    try {
      return run(command(args, mebibytes));
    } catch (IOException e) {
      err.println("demo: cannot start a child JVM: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  /** Set on the child's command line: it was started by {@link #run}. */
  static final String CHILD_PROPERTY = "kube-state-exporter.demo.child";

  private BoundedHeap() {}

  /** Whether {@code jvmArguments} (the JVM's input arguments) limit the heap. */
  static boolean limited(List<String> jvmArguments) {
    for (String a : jvmArguments) {
      for (String limit : LIMITS) {
        if (a.startsWith(limit)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether this JVM was started with a heap limit. */
  static boolean limited() {
    return limited(ManagementFactory.getRuntimeMXBean().getInputArguments());
  }

  /**
   * The heap the demo gets by default, in MiB: 256 plus 64 per 1,000 pods and 32 per shard (at the
   * largest size it resizes to). Measured live heaps are about a quarter of it: 100 MiB with the
   * default 2,000 pods and one shard.
   */
  static long mebibytes(int pods, int shards) {
    return 256 + 64L * pods / 1_000 + 32L * shards;
  }

  /**
   * The command that starts this program again with {@code args} and a heap of {@code mebibytes}
   * MiB, keeping this JVM's other arguments.
   */
  static List<String> command(List<String> args, long mebibytes) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.add(String.format(Locale.ROOT, "-Xmx%dm", mebibytes));
    command.add("-D" + CHILD_PROPERTY + "=true");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(DemoMain.class.getName());
    command.addAll(args);
    return command;
  }

  /**
   * Runs {@code command} with this process's standard input, output and error, and returns its exit
   * code. Stopping this process (Ctrl-C, SIGTERM) stops the child first; a child whose parent dies
   * stops itself ({@link #exitWithParent}).
   */
  static int run(List<String> command) throws java.io.IOException, InterruptedException {
    Process child = new ProcessBuilder(command).inheritIO().start();
    Thread stopChild =
        new Thread(
            () -> {
              child.destroy();
              try {
                // Exit as the child did (0 after Ctrl-C), not with the signal's code.
                Runtime.getRuntime().halt(child.waitFor());
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "demo-stop-child");
    Runtime.getRuntime().addShutdownHook(stopChild);
    int code = child.waitFor();
    try {
      Runtime.getRuntime().removeShutdownHook(stopChild);
    } catch (IllegalStateException shuttingDown) {
      // The hook runs anyway and finds the child gone.
    }
    return code;
  }

  /**
   * When this JVM is the child of {@link #run}: stops it when its parent ends without stopping it
   * (killed with SIGKILL), so that no demo is left behind holding its ports.
   */
  static void exitWithParent() {
    if (!Boolean.getBoolean(CHILD_PROPERTY)) {
      return;
    }
    ProcessHandle.current()
        .parent()
        .ifPresent(parent -> parent.onExit().thenRun(() -> System.exit(0)));
  }
}
