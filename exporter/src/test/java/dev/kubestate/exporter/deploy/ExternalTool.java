package dev.kubestate.exporter.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A command-line tool found on {@code PATH} ({@code promtool}, {@code kubectl}), run as a child
 * process to completion. Immutable.
 *
 * @param name the executable's name, for messages
 * @param path where it was found
 */
record ExternalTool(String name, Path path) {

  /** The result of one run: exit code and the interleaved standard output and error. */
  record Run(int exitCode, String output) {

    boolean succeeded() {
      return exitCode == 0;
    }
  }

  /** The executable {@code name} on {@code PATH}, if any. */
  static Optional<ExternalTool> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(new ExternalTool(name, candidate));
      }
    }
    return Optional.empty();
  }

  /**
   * Runs the tool with {@code args} in {@code workDir} and waits for it.
   *
   * @throws IllegalStateException naming the command when it runs longer than {@code timeout}
   */
  Run run(Path workDir, Duration timeout, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(path.toString());
    command.addAll(List.of(args));
    Path log = Files.createTempFile(name + "-", ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IllegalStateException(
            String.join(" ", command) + " did not finish within " + timeout);
      }
      return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }
}
