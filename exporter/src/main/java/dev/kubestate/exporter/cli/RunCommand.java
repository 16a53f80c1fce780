package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.process.BuildInfo;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.process.ExporterConfig;
import dev.kubestate.exporter.process.LogSettings;
import dev.kubestate.exporter.process.Logging;
import dev.kubestate.exporter.process.Sharding;
import io.fabric8.kubernetes.client.Config;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
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
    abbreviateSynopsis = true,
    versionProvider = RunCommand.Version.class,
    description = "Export the state of Kubernetes objects as Prometheus metrics (KSM-compatible).")
final class RunCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Mixin MetricsOptions metrics;

  @Mixin ServerOptions server;

  @Mixin ClusterOptions cluster;

  @Mixin ShardingOptions sharding;

  @Mixin LoggingOptions logging;

  @Mixin OptionsFile optionsFile;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ExportedMetrics exported;
    Sharding shardingConfig;
    LogSettings logSettings;
    OptionsFileLoad load;
    try {
      load = OptionsFileLoad.apply(optionsFile, flags());
      logSettings = logging.settings();
      exported = metrics.validate();
      shardingConfig = sharding.validate(metrics.staticShard());
      server.validate();
      cluster.validate(exported.resources());
    } catch (IllegalArgumentException e) {
      throw Main.usage(spec.commandLine(), e);
    }
    Logging.apply(logSettings);
    List<String> withoutEffect = logging.withoutEffect();
    if (!withoutEffect.isEmpty()) {
      LOG.warn("klog flags accepted without effect: {}", String.join(", ", withoutEffect));
    }
    Exporter exporter;
    try {
      ExporterConfig config =
          new ExporterConfig(
              exported, shardingConfig, cluster.watch(kubernetesConfig()), server.listeners());
      exporter = Exporter.start(config);
      load.report(exporter);
      watch(load, exporter);
    } catch (Exception e) {
      LOG.debug("start failed", e);
      spec.commandLine().getErr().println("kube-state-exporter: cannot start: " + message(e));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LOG.info("stopping");
                  Logging.stopping();
                  exporter.close();
                  LOG.info("stopped");
                  stopped.countDown();
                },
                "shutdown"));
    stopped.await();
    return 0;
  }

  private OptionsFileKeys.Flags flags() {
    return new OptionsFileKeys.Flags(metrics, server, cluster, sharding, optionsFile);
  }

  /** Watches the options file, if any, applying each valid change on top of these flags. */
  private void watch(OptionsFileLoad load, Exporter exporter) {
    if (load.filename() == null) {
      return;
    }
    List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
    if (!args.isEmpty() && args.get(0).equals(spec.name())) {
      args.remove(0);
    }
    OptionsFileWatch.Reloads reloads =
        new OptionsFileWatch.Reloads() {
          @Override
          public void loaded(String filename, byte[] content) {
            exporter.optionsFileLoaded(filename, content);
          }

          @Override
          public void failed(String filename) {
            exporter.optionsFileFailed(filename);
          }
        };
    String path = optionsFile.path();
    Map<String, Object> atStart =
        load.content() == null ? Map.of() : OptionsFile.parse(path, load.content());
    new OptionsFileWatch(
            Path.of(path),
            load.filename(),
            load.content(),
            atStart,
            content -> parse(args, path, content),
            exporter::apply,
            reloads)
        .start();
  }

  /**
   * Why {@code content} of the options file cannot be applied on top of {@code args}: the
   * one-line error of a strict parse or of the flags' checks; null when it can.
   */
  static String problem(List<String> args, String path, byte[] content) {
    return parse(args, path, content).problem();
  }

  /**
   * Reads {@code content} of the options file on top of {@code args} as a fresh start would: what
   * it exports and its values, or the one-line error of a strict parse or of the flags' checks.
   */
  static OptionsFileWatch.Parsed parse(List<String> args, String path, byte[] content) {
    RunCommand fresh = new RunCommand();
    try {
      CommandLine cl = new CommandLine(fresh);
      cl.setResourceBundle(new HelpTexts());
      cl.parseArgs(args.toArray(String[]::new));
      Map<String, Object> values = OptionsFile.parse(path, content);
      OptionsFileKeys.apply(values, fresh.flags());
      ExportedMetrics exported = fresh.metrics.validate();
      fresh.sharding.validate(fresh.metrics.staticShard());
      fresh.server.validate();
      fresh.cluster.validate(exported.resources());
      return new OptionsFileWatch.Parsed(null, exported, values);
    } catch (IllegalArgumentException | CommandLine.ParameterException e) {
      return OptionsFileWatch.Parsed.invalid(e.getMessage());
    }
  }

  /** {@code e}'s message, or its class when it has none, with the causes' messages it lacks. */
  static String message(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
      if (b.indexOf(m) < 0) {
        b.append(b.length() == 0 ? "" : ": ").append(m);
      }
    }
    return b.toString().replace('\n', ' ');
  }

  /** {@code --version}: this build's version. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"kube-state-exporter " + BuildInfo.version()};
    }
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
