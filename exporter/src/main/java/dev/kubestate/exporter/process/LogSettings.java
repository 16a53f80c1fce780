package dev.kubestate.exporter.process;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * How the process logs: the level of the exporter's own loggers, the line format, where lines go
 * and which of them reach standard error. Immutable.
 *
 * @param level the exporter's level; libraries log at {@link Level#WARN} and above unless this is
 *     {@link Level#TRACE}, which also lets the libraries' debug lines through
 * @param format text lines or one JSON object per line
 * @param headers whether text lines start with time, level, thread and logger (klog's {@code
 *     --skip_headers} turns them off); JSON always carries them
 * @param file a log file, or null for none
 * @param toStderr whether lines go to standard error
 * @param stderrThreshold the least severe level written to standard error
 */
public record LogSettings(
    LogSettings.Level level,
    LogSettings.Format format,
    boolean headers,
    Path file,
    boolean toStderr,
    LogSettings.Level stderrThreshold) {

  /** Info-level text with headers on standard error. */
  public static final LogSettings DEFAULT =
      new LogSettings(Level.INFO, Format.TEXT, true, null, true, Level.TRACE);

  public LogSettings {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(stderrThreshold, "stderrThreshold");
    if (file == null && !toStderr) {
      throw new IllegalArgumentException("logs must go to standard error or a file");
    }
  }

  /** Severity, most severe first. */
  public enum Level {
    ERROR,
    WARN,
    INFO,
    DEBUG,
    TRACE;

    /** The flag value: {@code error}, {@code warn}, ... */
    public String flagValue() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The level named {@code value}, case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Level parse(String value) {
      for (Level l : values()) {
        if (l.flagValue().equalsIgnoreCase(value.trim())) {
          return l;
        }
      }
      throw new IllegalArgumentException(
          "must be one of error, warn, info, debug, trace, got " + value);
    }
  }

  /** Line format. */
  public enum Format {
    /** {@code 2026-01-02T03:04:05.678Z INFO  [thread] logger - message}, then any stack trace. */
    TEXT,
    /** One JSON object per line (logback's JSON encoder). */
    JSON;

    /**
     * The format named {@code value}, case-insensitive.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Format parse(String value) {
      for (Format f : values()) {
        if (f.name().equalsIgnoreCase(value.trim())) {
          return f;
        }
      }
      throw new IllegalArgumentException("must be text or json, got " + value);
    }
  }
}
