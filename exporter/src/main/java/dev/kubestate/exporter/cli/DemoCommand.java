package dev.kubestate.exporter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code demo}: an embedded API server with a synthetic cluster and K exporters. */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run a demo cluster and exporters in one process.")
final class DemoCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("demo is wired in the demo work");
  }
}
