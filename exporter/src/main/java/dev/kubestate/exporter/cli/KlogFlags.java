package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.process.LogSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * KSM's klog flags (reference/ksm-flags.tsv), so that KSM's command lines (its Helm chart's
 * {@code extraArgs}) start the exporter. Go's flag syntax: {@code --name=value}, booleans also
 * bare. Mapped: {@code --v} (0-3 info, 4 debug, 5 and more trace; {@code --log-level} wins),
 * {@code --logtostderr=false} with {@code --log_file} (lines also go to the file; as KSM sets
 * {@code --stderrthreshold=INFO}, standard error keeps them too, so {@code --alsologtostderr}
 * changes nothing), {@code --stderrthreshold} and {@code --skip_headers} (text lines carry only
 * the message). The rest are accepted without effect.
 */
final class KlogFlags {

  @Option(
      names = {"-v", "--v"},
      paramLabel = "N",
      order = 10,
      description = "klog verbosity: 0-3 info, 4 debug, 5+ trace. Default: 0.")
  int verbosity;

  @Option(
      names = "--logtostderr",
      arity = "0..1",
      paramLabel = "BOOL",
      order = 11,
      description = "Log to standard error; false with --log_file also writes the file. Default:"
          + " true.")
  boolean logToStderr = true;

  @Option(
      names = "--alsologtostderr",
      arity = "0..1",
      paramLabel = "BOOL",
      order = 12,
      description = "Standard error keeps every line anyway. Default: false.")
  boolean alsoLogToStderr;

  @Option(
      names = "--log_file",
      paramLabel = "FILE",
      order = 13,
      description = "Also log to FILE (appending) when --logtostderr=false. Default: none.")
  String logFile;

  @Option(
      names = "--stderrthreshold",
      paramLabel = "SEVERITY",
      order = 14,
      description =
          "Least severity written to standard error: INFO, WARNING, ERROR, FATAL (or 0-3)."
              + " Default: INFO.")
  String stderrThreshold;

  @Option(
      names = "--skip_headers",
      arity = "0..1",
      paramLabel = "BOOL",
      order = 15,
      description = "Text lines without time, level, thread and logger. Default: false.")
  boolean skipHeaders;

  @Option(names = "--add_dir_header", arity = "0..1", paramLabel = "BOOL", order = 20,
      description = "Accepted without effect.")
  Boolean addDirHeader;

  @Option(names = "--alsologtostderrthreshold", paramLabel = "SEVERITY", order = 21,
      description = "Accepted without effect.")
  String alsoLogToStderrThreshold;

  @Option(names = "--legacy_stderr_threshold_behavior", arity = "0..1", paramLabel = "BOOL",
      order = 22, description = "Accepted without effect.")
  Boolean legacyStderrThresholdBehavior;

  @Option(names = "--log_backtrace_at", paramLabel = "FILE:LINE", order = 23,
      description = "Accepted without effect.")
  String logBacktraceAt;

  @Option(names = "--log_dir", paramLabel = "DIR", order = 24,
      description = "Accepted without effect.")
  String logDir;

  @Option(names = "--log_file_max_size", paramLabel = "MB", order = 25,
      description = "Accepted without effect.")
  Long logFileMaxSize;

  @Option(names = "--one_output", arity = "0..1", paramLabel = "BOOL", order = 26,
      description = "Accepted without effect.")
  Boolean oneOutput;

  @Option(names = "--skip_log_headers", arity = "0..1", paramLabel = "BOOL", order = 27,
      description = "Accepted without effect.")
  Boolean skipLogHeaders;

  @Option(names = "--vmodule", paramLabel = "PATTERN=N", order = 28,
      description = "Accepted without effect.")
  String vmodule;

  /**
   * The level {@code --v} gives: 0-3 info, 4 debug, 5 and more trace (Kubernetes' logging
   * conventions: 4 is debug, 5 and above trace).
   *
   * @throws IllegalArgumentException naming the flag when negative
   */
  LogSettings.Level levelFromVerbosity() {
    if (verbosity < 0) {
      throw new IllegalArgumentException("--v: must be >= 0, got " + verbosity);
    }
    if (verbosity >= 5) {
      return LogSettings.Level.TRACE;
    }
    return verbosity == 4 ? LogSettings.Level.DEBUG : LogSettings.Level.INFO;
  }

  /** The log file, when klog would write one: {@code --logtostderr=false --log_file=FILE}. */
  String logFile() {
    return !logToStderr && logFile != null && !logFile.isBlank() ? logFile.trim() : null;
  }

  boolean skipHeaders() {
    return skipHeaders;
  }

  /**
   * {@code --stderrthreshold} as a level; every level when not given (KSM sets INFO).
   *
   * @throws IllegalArgumentException naming the flag for an unknown severity
   */
  LogSettings.Level stderrThreshold() {
    if (stderrThreshold == null) {
      return LogSettings.Level.TRACE;
    }
    switch (stderrThreshold.trim().toUpperCase(Locale.ROOT)) {
      case "INFO":
      case "0":
        return LogSettings.Level.TRACE;
      case "WARNING":
      case "1":
        return LogSettings.Level.WARN;
      case "ERROR":
      case "2":
      case "FATAL":
      case "3":
        return LogSettings.Level.ERROR;
      default:
        throw new IllegalArgumentException(
            "--stderrthreshold: must be INFO, WARNING, ERROR or FATAL (or 0-3), got "
                + stderrThreshold);
    }
  }

  /** The flags given that change nothing, each with why. */
  List<String> withoutEffect() {
    List<String> out = new ArrayList<>();
    addIfGiven(out, "--add_dir_header", addDirHeader);
    addIfGiven(out, "--alsologtostderrthreshold", alsoLogToStderrThreshold);
    addIfGiven(out, "--legacy_stderr_threshold_behavior", legacyStderrThresholdBehavior);
    addIfGiven(out, "--log_backtrace_at", logBacktraceAt);
    addIfGiven(out, "--log_dir", logDir);
    addIfGiven(out, "--log_file_max_size", logFileMaxSize);
    addIfGiven(out, "--one_output", oneOutput);
    addIfGiven(out, "--skip_log_headers", skipLogHeaders);
    addIfGiven(out, "--vmodule", vmodule);
    if (logFile != null && logToStderr) {
      out.add("--log_file (as in klog, only with --logtostderr=false)");
    }
    if (!logToStderr && logFile() == null) {
      out.add("--logtostderr=false (no --log_file: standard error is kept)");
    }
    return out;
  }

  private static void addIfGiven(List<String> out, String flag, Object value) {
    if (value != null) {
      out.add(flag);
    }
  }
}
