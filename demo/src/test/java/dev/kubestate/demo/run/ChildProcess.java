package dev.kubestate.demo.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A process started by a test, its standard output and error in one file. {@link #close} stops it
 * with SIGTERM, waits, then kills it and waits again; it is idempotent and thread-safe, so a
 * shutdown hook may call it too.
 */
final class ChildProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path log;
  private final Duration stopTimeout;

  private ChildProcess(String name, Process process, Path log, Duration stopTimeout) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.stopTimeout = stopTimeout;
  }

  /**
   * Starts {@code command} with its output going to {@code log}; returns at once.
   *
   * @param stopTimeout how long {@link #close} waits after SIGTERM, and again after SIGKILL
   */
  static ChildProcess start(String name, List<String> command, Path log, Duration stopTimeout)
      throws IOException {
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ChildProcess(name, p, log, stopTimeout);
  }

  /** Everything the process has printed so far. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @throws AssertionError with the exit code and output when the process has exited
   */
  void assertAlive() {
    if (!process.isAlive()) {
      throw new AssertionError(
          name + " exited with " + process.exitValue() + "; output:\n" + output());
    }
  }

  /**
   * Waits for the process to exit by itself and returns its exit code.
   *
   * @throws AssertionError with the output when {@code deadline} passes first
   */
  int awaitExit(Duration deadline) throws InterruptedException {
    if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          name + " still running after " + deadline + "; output:\n" + output());
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    boolean interrupted = false;
    try {
      process.destroy();
      try {
        if (process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
          return;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
      process.destroyForcibly();
      try {
        process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
