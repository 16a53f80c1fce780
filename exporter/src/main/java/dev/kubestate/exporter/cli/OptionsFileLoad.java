package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.process.Exporter;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outcome of reading the options file at start: the file's bytes when its values were
 * applied, or why they were not (only with {@code --continue-without-config}).
 *
 * @param filename the file's name as telemetry labels it; null without {@code --config}
 * @param content the bytes applied, or null
 * @param problem why the file was not applied, or null
 */
record OptionsFileLoad(String filename, byte[] content, String problem) {

  private static final Logger LOG = LoggerFactory.getLogger(OptionsFileLoad.class);

  private static final OptionsFileLoad NONE = new OptionsFileLoad(null, null, null);

  /**
   * Reads {@code file} and, when it parses, replaces the flags' values with its values.
   *
   * @throws IllegalArgumentException naming {@code --config} or the key, unless {@code
   *     --continue-without-config} allows starting without the file
   */
  static OptionsFileLoad apply(OptionsFile file, OptionsFileKeys.Flags flags) {
    if (file.path() == null) {
      return NONE;
    }
    String filename = file.filename();
    byte[] content = file.read();
    if (content == null) {
      return new OptionsFileLoad(filename, null, "--config: file " + file.path() + " does not exist");
    }
    Map<String, Object> values;
    try {
      values = OptionsFile.parse(file.path(), content);
    } catch (IllegalArgumentException e) {
      if (!file.continueWithoutConfig) {
        throw e;
      }
      return new OptionsFileLoad(filename, null, e.getMessage());
    }
    OptionsFileKeys.apply(values, flags);
    return new OptionsFileLoad(filename, content, null);
  }

  /** Logs a problem, and shows the load in the exporter's reload series. */
  void report(Exporter exporter) {
    if (filename == null) {
      return;
    }
    if (problem != null) {
      LOG.warn("{}; started with the flags' values (--continue-without-config)", problem);
      exporter.optionsFileFailed(filename);
    } else {
      exporter.optionsFileLoaded(filename, content);
    }
  }
}
