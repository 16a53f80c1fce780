package dev.kubestate.exporter.webaccess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs curl for a test: the status code, a space, then the body. */
final class Curl {

  record Result(int exit, String out) {}

  private Curl() {}

  static boolean available() {
    try {
      return new ProcessBuilder("curl", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  static Result run(String... args) throws Exception {
    List<String> cmd =
        new ArrayList<>(List.of("curl", "-s", "--max-time", "10", "-w", "\n%{http_code}"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(20, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    int exit = p.exitValue();
    int cut = out.lastIndexOf('\n');
    String code = out.substring(cut + 1);
    String body = cut < 0 ? "" : out.substring(0, cut);
    return new Result(exit, code + " " + body);
  }
}
