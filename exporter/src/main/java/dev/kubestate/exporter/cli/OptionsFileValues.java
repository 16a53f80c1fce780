package dev.kubestate.exporter.cli;

import java.util.Map;
import java.util.Set;

/**
 * The options file of {@code --config} read once at start by a command other than {@code run}
 * (the demo's), with {@code run}'s strictness and override rules: the file's metric and sharding
 * values replace the command's own mixins' values; its listener values land in a {@link
 * ServerOptions} of {@code run}'s defaults, for the command to take what it has an equivalent for;
 * cluster values are read and checked but have no mixin to go to. Not watched. Immutable.
 */
public final class OptionsFileValues {

  private final ServerOptions server;
  private final Set<String> keys;
  private final String problem;

  private OptionsFileValues(ServerOptions server, Set<String> keys, String problem) {
    this.server = server;
    this.keys = keys;
    this.problem = problem;
  }

  /**
   * Reads {@code file} (nothing when {@code --config} is not set) and applies it.
   *
   * @throws IllegalArgumentException naming {@code --config} or the key, as {@code run} does,
   *     unless {@code --continue-without-config} allows going on without the file
   */
  public static OptionsFileValues apply(
      OptionsFile file, MetricsOptions metrics, ShardingOptions sharding) {
    ServerOptions server = new ServerOptions();
    OptionsFileLoad load =
        OptionsFileLoad.apply(
            file, new OptionsFileKeys.Flags(metrics, server, new ClusterOptions(), sharding, file));
    Set<String> keys = Set.of();
    if (load.content() != null) {
      Map<String, Object> values = OptionsFile.parse(file.path(), load.content());
      keys = Set.copyOf(values.keySet());
    }
    return new OptionsFileValues(server, keys, load.problem());
  }

  /** The keys the file set; empty without a file or when it was not applied. */
  public Set<String> keys() {
    return keys;
  }

  /** Why the file was not applied ({@code --continue-without-config}), or null. */
  public String problem() {
    return problem;
  }

  /** The listener options: the file's values over {@code run}'s defaults. */
  public ServerOptions server() {
    return server;
  }
}
