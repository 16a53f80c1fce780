package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.process.LogSettings;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * How the process logs: {@code --log-level}, {@code --log-format}, and KSM's klog flags (in their
 * own {@code --help} section, {@link KlogFlags}), which are mapped onto the same settings where
 * their meaning carries over and otherwise accepted with one warning.
 */
public final class LoggingOptions {

  @ArgGroup(exclusive = false, validate = false, heading = "%nLogging:%n", order = 1)
  Own own = new Own();

  @ArgGroup(
      exclusive = false,
      validate = false,
      heading =
          "%nklog flags (KSM's logging flags; --v, --logtostderr, --log_file, --stderrthreshold"
              + " and --skip_headers apply, the others are accepted with a warning):%n",
      order = 2)
  KlogFlags klog = new KlogFlags();

  /** The flags of our own. */
  static final class Own {
    @Option(
        names = "--log-level",
        paramLabel = "LEVEL",
        order = 1,
        description =
            "error, warn, info, debug or trace (trace also shows the libraries' debug lines)."
                + " Default: from --v, info.")
    String level;

    @Option(
        names = "--log-format",
        paramLabel = "FORMAT",
        order = 2,
        description =
            "text (a line with UTC time, level, thread and logger) or json (one object per line:"
                + " timestamp in ms, level, loggerName, formattedMessage, throwable)."
                + " Default: text.")
    String format = "text";
  }

  /**
   * The settings these flags give.
   *
   * @throws IllegalArgumentException naming the flag
   */
  public LogSettings settings() {
    LogSettings.Level level;
    if (own.level != null) {
      try {
        level = LogSettings.Level.parse(own.level);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--log-level: " + e.getMessage(), e);
      }
    } else {
      level = klog.levelFromVerbosity();
    }
    LogSettings.Format format;
    try {
      format = LogSettings.Format.parse(own.format);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--log-format: " + e.getMessage(), e);
    }
    String file = klog.logFile();
    return new LogSettings(
        level,
        format,
        !klog.skipHeaders(),
        file == null ? null : Path.of(file),
        true,
        klog.stderrThreshold());
  }

  /**
   * The klog flags given whose meaning does not carry over, each with why, for one warning line;
   * empty when there are none.
   */
  public List<String> withoutEffect() {
    return klog.withoutEffect();
  }
}
