package dev.kubestate.exporter.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every logback event of level INFO or above logged while open, from any logger (the exporter's,
 * Vert.x's, Netty's), kept in memory for assertions. Thread-safe.
 */
final class CapturedLog extends AppenderBase<ILoggingEvent> implements AutoCloseable {

  private final List<ILoggingEvent> events = new ArrayList<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);

  private CapturedLog() {}

  static CapturedLog capture() {
    CapturedLog log = new CapturedLog();
    log.setContext(log.root.getLoggerContext());
    log.setName("captured");
    log.start();
    log.root.addAppender(log);
    return log;
  }

  @Override
  protected void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
      event.prepareForDeferredProcessing();
      synchronized (events) {
        events.add(event);
      }
    }
  }

  /** Captured events carrying an exception, or at WARN and above. */
  List<String> problems() {
    List<String> out = new ArrayList<>();
    synchronized (events) {
      for (ILoggingEvent e : events) {
        if (e.getThrowableProxy() != null || e.getLevel().isGreaterOrEqual(Level.WARN)) {
          out.add(line(e));
        }
      }
    }
    return out;
  }

  /** Captured events of {@code logger} (a prefix of the logger name). */
  List<String> from(String logger) {
    List<String> out = new ArrayList<>();
    synchronized (events) {
      for (ILoggingEvent e : events) {
        if (e.getLoggerName().startsWith(logger)) {
          out.add(line(e));
        }
      }
    }
    return out;
  }

  private static String line(ILoggingEvent e) {
    StringBuilder b = new StringBuilder();
    b.append(e.getLevel()).append(' ').append(e.getLoggerName()).append(" - ");
    b.append(e.getFormattedMessage());
    if (e.getThrowableProxy() != null) {
      b.append(" [").append(e.getThrowableProxy().getClassName()).append(": ");
      b.append(e.getThrowableProxy().getMessage()).append(']');
      StackTraceElementProxy[] frames = e.getThrowableProxy().getStackTraceElementProxyArray();
      for (int i = 0; frames != null && i < Math.min(frames.length, 12); i++) {
        b.append("\n    at ").append(frames[i].getSTEAsString());
      }
    }
    return b.toString();
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }
}
