package dev.kubestate.exporter.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.process.LogSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code --log-level}, {@code --log-format} and KSM's klog flags: every klog flag of
 * reference/ksm-flags.tsv is accepted, the ones whose meaning carries over are mapped, the others
 * named in one warning; bad values fail with one line and exit 2.
 */
class LoggingOptionsTest {

  /** Lets picocli fill the options from test arguments. */
  @CommandLine.Command
  static final class Holder {
    @CommandLine.Mixin LoggingOptions options = new LoggingOptions();
  }

  static LoggingOptions parse(String... args) {
    Holder h = new Holder();
    new CommandLine(h).parseArgs(args);
    return h.options;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "--v=0, INFO",
    "--v=2, INFO",
    "--v=3, INFO",
    "--v=4, DEBUG",
    "-v=5, TRACE",
    "--v=9, TRACE",
    "--log-level=warn, WARN",
  })
  void verbosityMapsOntoLevels(String flag, LogSettings.Level level) {
    assertEquals(level, parse(flag).settings().level());
  }

  @Test
  void logLevelWinsOverVerbosity() {
    assertEquals(
        LogSettings.Level.ERROR, parse("--v=6", "--log-level=error").settings().level());
  }

  @Test
  void defaultsAreInfoTextWithHeadersOnStandardError() {
    assertEquals(LogSettings.DEFAULT, parse().settings());
  }

  @Test
  void logFileOnlyWithLogtostderrFalseAsInKlog() {
    assertEquals(
        Path.of("/var/log/ksm.log"),
        parse("--logtostderr=false", "--log_file=/var/log/ksm.log").settings().file());
    LoggingOptions ignored = parse("--log_file=/var/log/ksm.log");
    assertNull(ignored.settings().file());
    assertEquals(
        List.of("--log_file (as in klog, only with --logtostderr=false)"),
        ignored.withoutEffect());
  }

  @Test
  void mapsStderrThresholdAndSkipHeaders() {
    LogSettings s = parse("--stderrthreshold=WARNING", "--skip_headers").settings();
    assertEquals(LogSettings.Level.WARN, s.stderrThreshold());
    assertEquals(false, s.headers());
    assertEquals(
        LogSettings.Level.ERROR, parse("--stderrthreshold=2").settings().stderrThreshold());
    assertEquals(
        LogSettings.Level.TRACE, parse("--stderrthreshold=INFO").settings().stderrThreshold());
  }

  @Test
  void acceptsEveryKlogFlagOfKsmAndNamesThoseWithoutEffect() throws Exception {
    Map<String, String> samples =
        Map.of(
            "bool", "true",
            "severity", "ERROR",
            "traceLocation", "main.go:10",
            "string", "/tmp/ksm",
            "uint", "10",
            "Level", "2",
            "moduleSpec", "reflector=4");
    Path tsv =
        Path.of(LoggingOptionsTest.class.getResource("/reference/ksm-flags.tsv").toURI());
    List<String> args = new ArrayList<>();
    int klog = 0;
    for (String line : Files.readAllLines(tsv, StandardCharsets.UTF_8)) {
      String[] f = line.split("\t");
      if (!f[3].startsWith("klog") && !f[0].equals("-v, --v")) {
        continue;
      }
      String flag = f[0].equals("-v, --v") ? "--v" : f[0];
      String sample = samples.get(f[1]);
      assertTrue(sample != null, "a sample for type " + f[1]);
      args.add(flag + "=" + sample);
      klog++;
    }
    assertEquals(15, klog, "klog flags in ksm-flags.tsv");
    LoggingOptions options = parse(args.toArray(String[]::new));
    LogSettings s = options.settings();
    assertEquals(LogSettings.Level.INFO, s.level());
    assertEquals(
        List.of(
            "--add_dir_header",
            "--alsologtostderrthreshold",
            "--legacy_stderr_threshold_behavior",
            "--log_backtrace_at",
            "--log_dir",
            "--log_file_max_size",
            "--one_output",
            "--skip_log_headers",
            "--vmodule",
            "--log_file (as in klog, only with --logtostderr=false)"),
        options.withoutEffect());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--log-level=loud | --log-level",
        "--log-format=xml | --log-format",
        "--stderrthreshold=LOUD | --stderrthreshold",
        "--v=-1 | --v",
        "--v=high | --v",
      })
  void rejectsBadValueWithOneLineAndExit2(String flag, String named) {
    CliTest.Run r = CliTest.run(flag);
    assertEquals(Main.EXIT_USAGE, r.exit(), r.err());
    assertEquals(1, r.errLines().size(), r.err());
    assertTrue(r.err().contains(named), r.err());
  }

  @Test
  void helpListsTheKlogFlagsInASectionOfTheirOwn() {
    String help = CliTest.run("--help").out();
    int section = help.indexOf("klog flags");
    assertTrue(section > 0, help);
    for (String flag :
        List.of("--vmodule", "--logtostderr", "--log_file", "--skip_headers", "-v, --v=N")) {
      assertTrue(help.indexOf(flag, section) > section, flag + " in the klog section\n" + help);
    }
    assertTrue(help.indexOf("--log-format") < section, help);
  }

  @Test
  void runHelpNamesTheProgramOnce() {
    String help = CliTest.run("run", "--help").out();
    assertTrue(help.startsWith("Usage: kube-state-exporter run "), help);
  }
}
