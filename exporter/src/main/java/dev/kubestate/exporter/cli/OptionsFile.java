package dev.kubestate.exporter.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}: KSM's YAML options file, and {@code --continue-without-config}. Keys are
 * KSM's (reference/ksm-flags.tsv); a value from the file replaces the flag's value, sets and
 * allowlists included (they replace, never merge). Parsing is strict: an unknown key, a duplicate
 * key or a value of the wrong type is a one-line error naming the key.
 *
 * <p>Value forms, as KSM's: sets ({@code resources}, {@code metric_allowlist}, {@code
 * metric_denylist}, {@code metric_opt_in_list}) are maps whose values are empty ({@code
 * resources: {pods: {}}}); allowlists map a resource to a list of keys ({@code labels_allow_list:
 * {pods: [app, team]}}); namespaces are lists.
 */
public final class OptionsFile {

  /** KSM keys of options this exporter has no flag for; named as such instead of "unknown". */
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "custom_resource_config",
          "custom_resource_config_file",
          "custom_resource_state_config_file",
          "continue_without_custom_resource_state_config_file",
          "custom_resources_only",
          "auto-gomemlimit",
          "auto-gomemlimit-ratio");

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "YAML options file with KSM's keys (e.g. resources: {pods: {}}, labels_allow_list:"
              + " {pods: [app]}); its values replace the flags' values. Default: none.")
  String config;

  @Option(
      names = "--continue-without-config",
      description =
          "Start with the flags' values when the --config file is missing or invalid."
              + " Default: false.")
  boolean continueWithoutConfig;

  /** The file's path as given, or null when {@code --config} is not set. */
  public String path() {
    return config == null || config.isEmpty() ? null : config;
  }

  /** The file's name as telemetry labels it: the path as given, normalised. */
  public String filename() {
    return Path.of(config).normalize().toString();
  }

  /**
   * Reads the file.
   *
   * @return its bytes, or null when it is missing and {@code --continue-without-config} is set
   * @throws IllegalArgumentException naming {@code --config} when it cannot be read
   */
  byte[] read() {
    try {
      return Files.readAllBytes(Path.of(config));
    } catch (NoSuchFileException e) {
      if (continueWithoutConfig) {
        return null;
      }
      throw new IllegalArgumentException("--config: file " + config + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("--config: cannot read " + config + ": " + e);
    }
  }

  /**
   * Parses {@code content} into the flags' option values, KSM key to value, checking every key
   * and type.
   *
   * @throws IllegalArgumentException with a one-line reason naming the key
   */
  static Map<String, Object> parse(String filename, byte[] content) {
    Object root;
    try {
      LoadSettings settings =
          LoadSettings.builder().setAllowDuplicateKeys(false).setLabel(filename).build();
      root = new Load(settings).loadFromString(new String(content, StandardCharsets.UTF_8));
    } catch (YamlEngineException e) {
      throw new IllegalArgumentException(
          "--config: " + filename + ": " + String.valueOf(e.getMessage()).replaceAll("\\s+", " "));
    }
    if (root == null) {
      return Map.of();
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(
          "--config: " + filename + ": expected a mapping of options, got " + typeOf(root));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      out.put(key, OptionsFileKeys.check(key, e.getValue()));
    }
    return out;
  }

  /** Where {@link OptionsFileKeys} sends an unknown key. */
  static IllegalArgumentException unknown(String key) {
    if (UNSUPPORTED.contains(key)) {
      return new IllegalArgumentException(
          "--config: key \"" + key + "\": a KSM option this exporter does not support");
    }
    return new IllegalArgumentException("--config: unknown key \"" + key + "\"");
  }

  /** The YAML type of {@code value}, for messages. */
  static String typeOf(Object value) {
    if (value == null) {
      return "null";
    } else if (value instanceof Map<?, ?>) {
      return "a mapping";
    } else if (value instanceof List<?>) {
      return "a list";
    } else if (value instanceof String) {
      return "a string";
    } else if (value instanceof Boolean) {
      return "a boolean";
    } else if (value instanceof Number) {
      return "a number";
    }
    return value.getClass().getSimpleName();
  }

  /** A mutable copy of {@code values} (a parsed list). */
  @SuppressWarnings("unchecked")
  static List<String> strings(Object values) {
    return new ArrayList<>((List<String>) values);
  }
}
