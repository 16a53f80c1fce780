package dev.kubestate.exporter.process;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration until the flags are read: {@link LogSettings#DEFAULT} (info, text lines
 * with timestamps on standard error, libraries at warn). Found by logback through {@code
 * META-INF/services}; it ends logback's search, so no {@code logback.xml} is consulted.
 */
public final class DefaultLogging extends ContextAwareBase implements Configurator {

  @Override
  public ExecutionStatus configure(LoggerContext context) {
    Logging.configure(context, LogSettings.DEFAULT, null);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }
}
