package dev.kubestate.apiserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code kubectl} run against one server through a kubeconfig, with its discovery cache in
 * a directory of the test's own.
 */
final class Kubectl {

  static final Path BINARY = Path.of("/usr/bin/kubectl");

  /** What one run printed and how it ended. */
  record Result(int exitCode, String out, String err) {}

  private final Path kubeconfig;
  private final Path cache;

  Kubectl(Path dir, String kubeconfigText) throws IOException {
    this.kubeconfig = Files.writeString(dir.resolve("kubeconfig"), kubeconfigText);
    this.cache = Files.createDirectories(dir.resolve("cache"));
  }

  /** Whether Debian's kubectl is installed; tests that need it are skipped otherwise. */
  static boolean present() {
    return Files.isExecutable(BINARY);
  }

  /** Runs {@code kubectl args...}, waiting at most 60 s. */
  Result run(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(BINARY.toString()));
    command.addAll(List.of("--kubeconfig", kubeconfig.toString(), "--cache-dir", cache.toString()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(cache, "out", ".txt");
    Path err = Files.createTempFile(cache, "err", ".txt");
    Process p =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("kubectl " + String.join(" ", args) + " did not end in 60 s");
    }
    return new Result(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
