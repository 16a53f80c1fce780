package dev.kubestate.exporter.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code run} (the default command): export from a real cluster. */
@Command(
    name = "kube-state-exporter",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Export the state of Kubernetes objects as Prometheus metrics (KSM-compatible).")
final class RunCommand implements Callable<Integer> {

  @Mixin MetricsOptions metrics;

  @Mixin ServerOptions server;

  @Mixin ClusterOptions cluster;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ExportSettings settings;
    try {
      settings = metrics.validate();
      server.validate();
      cluster.validate();
    } catch (IllegalArgumentException e) {
      throw Main.usage(spec.commandLine(), e);
    }
    throw new UnsupportedOperationException("run is wired in the pipeline work: " + settings);
  }
}
