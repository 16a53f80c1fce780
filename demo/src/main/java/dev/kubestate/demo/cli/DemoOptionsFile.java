package dev.kubestate.demo.cli;

import dev.kubestate.exporter.cli.OptionsFileValues;
import dev.kubestate.exporter.cli.ServerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code demo --config FILE}: the options file of {@code run}, read at start with the same
 * strictness. Metric selection keys replace the demo's flags, as they replace {@code run}'s; the
 * listener keys the demo has an equivalent for ({@code port} and {@code telemetry_port} for shard
 * 0, {@code tls_config}, the {@code server_*_timeout}s) replace those; shard and pod keys are
 * refused as the flags are (the demo sets them itself); the rest describes a real cluster or
 * {@code run}'s own listeners and is ignored, named in one line. Stateless.
 */
final class DemoOptionsFile {

  /** Keys of {@code run}'s file that the demo reads and checks but does not use. */
  static final Set<String> IGNORED =
      Set.of(
          "apiserver", "kubeconfig", "namespaces", "namespaces_denylist", "node",
          "track_unscheduled_pods", "use_api_server_cache", "object_limit", "host",
          "telemetry_host", "auth_filter", "enable_gzip_encoding");

  private DemoOptionsFile() {}

  /**
   * Applies {@code demo}'s {@code --config} file to its flags.
   *
   * @return lines to tell the user: the keys the demo ignores, or why the file was not applied;
   *     empty without a file
   * @throws IllegalArgumentException naming {@code --config}, a key or a flag
   */
  static List<String> apply(DemoCommand demo) {
    OptionsFileValues values = OptionsFileValues.apply(demo.optionsFile, demo.metrics,
        demo.sharding);
    Set<String> keys = values.keys();
    ServerOptions server = values.server();
    if (keys.contains("port")) {
      demo.port = server.port();
    }
    if (keys.contains("telemetry_port")) {
      demo.telemetryPort = server.telemetryPort();
    }
    if (keys.contains("tls_config")) {
      demo.tlsConfig = server.tlsConfig();
    }
    demo.fromFile = server.security();
    List<String> notes = new ArrayList<>();
    if (values.problem() != null) {
      notes.add(
          "demo: " + values.problem() + "; started with the flags' values"
              + " (--continue-without-config)");
    }
    Set<String> ignored = new TreeSet<>(keys);
    ignored.retainAll(IGNORED);
    if (!ignored.isEmpty()) {
      notes.add(
          "demo: --config " + demo.optionsFile.path() + ": not used by the demo: "
              + String.join(", ", ignored));
    }
    return notes;
  }
}
