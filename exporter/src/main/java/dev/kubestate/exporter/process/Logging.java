package dev.kubestate.exporter.process;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Configures logback from {@link LogSettings}, replacing whatever was configured before; called
 * once the flags are parsed (and with {@link LogSettings#DEFAULT} when logback starts, through
 * {@link DefaultLogging}). Thread-safe in logback's sense: lines logged while it reconfigures may
 * be lost, none is garbled.
 *
 * <p>fabric8's informer reflector logs every failed list or watch with its stack trace and
 * retries; it is silenced here because the exporter logs its own one-line account of each failure
 * (the informers' exception handler).
 */
public final class Logging {

  /** Time in UTC with milliseconds, ISO 8601: {@code 2026-01-02T03:04:05.678Z}. */
  static final String TEXT_PATTERN =
      "%d{yyyy-MM-dd'T'HH:mm:ss.SSSX,UTC} %-5level [%thread] %logger{36} - %msg%n";

  static final String BARE_PATTERN = "%msg%n";

  /** The exporter's loggers; everything else is a library. */
  private static final String OWN = "dev.kubestate";

  /**
   * Loggers that are never shown: the exporter reports what the first would say in one line, and
   * the second speaks only of a harmless race while stopping.
   */
  private static final List<String> SILENCED =
      List.of(
          "io.fabric8.kubernetes.client.informers.impl.cache.Reflector",
          // Netty's own logger for exactly one event: a listener notification rejected because its
          // event loop has terminated. It happens only while Vert.x closes (a connection of one
          // loop completes a close future whose listeners belong to a loop already stopped), and
          // nothing is lost then; without this, some stops end with its stack trace.
          "io.netty.util.concurrent.DefaultPromise.rejectedExecution");

  /**
   * Loggers shown from error up. Micrometer's registry warns once that a gauge "has been already
   * registered": Vert.x's metrics register their active-requests gauge again on every request and
   * rely on getting the registered one back, which they do; nothing is wrong.
   */
  private static final List<String> ERRORS_ONLY =
      List.of("io.micrometer.core.instrument.MeterRegistry");

  private Logging() {}

  /** Applies {@code settings}, writing standard-error lines to {@link System#err}. */
  public static void apply(LogSettings settings) {
    apply(settings, null);
  }

  /**
   * Applies {@code settings}, writing standard-error lines to {@code stderr} (tests), or to
   * {@link System#err} (as it is when each line is written) when null.
   *
   * @throws IllegalStateException when logback is not the SLF4J backend
   */
  public static void apply(LogSettings settings, OutputStream stderr) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      throw new IllegalStateException(
          "logging: logback is not the SLF4J backend: " + LoggerFactory.getILoggerFactory());
    }
    configure(context, settings, stderr);
  }

  /**
   * Called when the process stops: from now on only the exporter's own loggers are shown. While
   * the client's and the listeners' event loops shut down, the libraries report tasks that could
   * no longer run on them (a watch's last message, a close notification); nothing is lost then,
   * and a stop should end with the exporter's "stopped", not with their stack traces.
   */
  public static void stopping() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.OFF);
    }
  }

  /** Resets {@code context} and configures it from {@code settings}. */
  static void configure(LoggerContext context, LogSettings settings, OutputStream stderr) {
    context.reset();
    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    if (settings.toStderr()) {
      OutputStreamAppender<ILoggingEvent> console = new OutputStreamAppender<>();
      console.setName("stderr");
      console.setContext(context);
      console.setEncoder(encoder(context, settings));
      console.setOutputStream(stderr != null ? stderr : new StandardError());
      if (settings.stderrThreshold() != LogSettings.Level.TRACE) {
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setLevel(level(settings.stderrThreshold()).levelStr);
        threshold.setContext(context);
        threshold.start();
        console.addFilter(threshold);
      }
      console.start();
      root.addAppender(console);
    }
    if (settings.file() != null) {
      FileAppender<ILoggingEvent> file = new FileAppender<>();
      file.setName("file");
      file.setContext(context);
      file.setFile(settings.file().toString());
      file.setAppend(true);
      file.setEncoder(encoder(context, settings));
      file.start();
      root.addAppender(file);
    }
    Level own = level(settings.level());
    boolean trace = settings.level() == LogSettings.Level.TRACE;
    root.setLevel(trace ? Level.DEBUG : moreSevere(own, Level.WARN));
    context.getLogger(OWN).setLevel(own);
    for (String name : SILENCED) {
      context.getLogger(name).setLevel(Level.OFF);
    }
    for (String name : ERRORS_ONLY) {
      context.getLogger(name).setLevel(Level.ERROR);
    }
  }

  private static Encoder<ILoggingEvent> encoder(LoggerContext context, LogSettings settings) {
    if (settings.format() == LogSettings.Format.JSON) {
      JsonEncoder json = new JsonEncoder();
      json.setContext(context);
      json.setWithSequenceNumber(false);
      json.setWithNanoseconds(false);
      json.setWithContext(false);
      json.setWithMDC(false);
      json.setWithKVPList(false);
      json.setWithArguments(false);
      json.setWithMessage(false);
      json.setWithFormattedMessage(true);
      json.start();
      return json;
    }
    PatternLayoutEncoder text = new PatternLayoutEncoder();
    text.setContext(context);
    text.setPattern(settings.headers() ? TEXT_PATTERN : BARE_PATTERN);
    text.start();
    return text;
  }

  static Level level(LogSettings.Level level) {
    return switch (level) {
      case ERROR -> Level.ERROR;
      case WARN -> Level.WARN;
      case INFO -> Level.INFO;
      case DEBUG -> Level.DEBUG;
      case TRACE -> Level.TRACE;
    };
  }

  private static Level moreSevere(Level a, Level b) {
    return a.isGreaterOrEqual(b) ? a : b;
  }

  /**
   * Writes to whatever {@link System#err} is when each line is written, so a test or a tool that
   * replaces it after logging was configured still gets the lines.
   */
  private static final class StandardError extends OutputStream {
    @Override
    public void write(int b) {
      System.err.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      System.err.write(b, off, len);
    }

    @Override
    public void flush() {
      PrintStream err = System.err;
      err.flush();
    }
  }
}
