package dev.kubestate.exporter.cli;

import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code run} (the default command): export from a real cluster. The API server comes from
 * {@code --kubeconfig}, else the in-cluster service account (else fabric8's usual discovery:
 * {@code KUBECONFIG}, {@code ~/.kube/config}); {@code --apiserver} overrides its URL. Runs until
 * SIGTERM or Ctrl-C, then stops the exporter cleanly.
 */
@Command(
    name = "kube-state-exporter",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Export the state of Kubernetes objects as Prometheus metrics (KSM-compatible).")
final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Mixin MetricsOptions metrics;

  @Mixin ServerOptions server;

  @Mixin ClusterOptions cluster;

  @Mixin ShardingOptions sharding;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ExportSettings settings;
    ShardingConfig shardingConfig;
    try {
      settings = metrics.validate();
      shardingConfig = sharding.validate();
      server.validate();
      cluster.validate(settings.resources());
    } catch (IllegalArgumentException e) {
      throw Main.usage(spec.commandLine(), e);
    }
    ExporterConfig config =
        new ExporterConfig(
            settings,
            kubernetesConfig(),
            server.host,
            server.port,
            server.telemetryHost,
            server.telemetryPort,
            cluster.namespaces(),
            cluster.namespacesDenylist(),
            cluster.useApiserverCache,
            cluster.nodeScope(),
            shardingConfig);
    if (shardingConfig.automatic()) {
      LOG.info(
          "starting: API server {}, resources {}, automatic sharding as pod {}/{}"
              + " (--shard and --total-shards ignored), pods of {}",
          config.kubernetes().getMasterUrl(),
          String.join(",", settings.resources()),
          shardingConfig.podNamespace(),
          shardingConfig.pod(),
          config.nodeScope());
    } else {
      LOG.info(
          "starting: API server {}, resources {}, shard {} of {}, pods of {}",
          config.kubernetes().getMasterUrl(),
          String.join(",", settings.resources()),
          settings.shard().ordinal(),
          settings.shard().total(),
          config.nodeScope());
    }
    Exporter exporter;
    try {
      exporter = Exporter.start(config);
    } catch (IllegalStateException e) {
      spec.commandLine().getErr().println(e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping");
                  exporter.close();
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
    return 0;
  }

  private Config kubernetesConfig() throws IOException {
    Config config;
    if (cluster.kubeconfig != null && !cluster.kubeconfig.isEmpty()) {
      config =
          Config.fromKubeconfig(
              Files.readString(Path.of(cluster.kubeconfig), StandardCharsets.UTF_8));
    } else {
      config = Config.autoConfigure(null);
    }
    if (cluster.apiserver != null && !cluster.apiserver.isEmpty()) {
      config.setMasterUrl(cluster.apiserver);
    }
    return config;
  }
}
