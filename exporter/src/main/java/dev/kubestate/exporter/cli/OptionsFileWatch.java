package dev.kubestate.exporter.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the options file after start (polling its bytes, which also sees a ConfigMap's
 * symlink swap): a change is checked at once, strictly, against the flags; an invalid file is
 * one log line and {@code kube_state_metrics_last_config_reload_successful} 0, the options in
 * effect stay; a valid change is one log line saying a restart applies it (options are not
 * applied live); a file back to the content in effect is reported loaded again. Thread-safe.
 */
final class OptionsFileWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(OptionsFileWatch.class);

  /** How often the file is read, in ms. */
  static final long POLL_MILLIS = 1000;

  /** Where loads are shown: the exporter's reload series. */
  interface Reloads {
    void loaded(String filename, byte[] content);

    void failed(String filename);
  }

  private final Path path;
  private final String filename;
  private final byte[] inEffect;
  private final Function<byte[], String> problem;
  private final Reloads reloads;
  private byte[] lastSeen;
  private ScheduledExecutorService poller;

  /**
   * @param inEffect the bytes whose options are in effect, or null when none were applied
   * @param problem the one-line reason a content cannot be applied, or null when it can
   */
  OptionsFileWatch(
      Path path,
      String filename,
      byte[] inEffect,
      Function<byte[], String> problem,
      Reloads reloads) {
    this.path = path;
    this.filename = filename;
    this.inEffect = inEffect;
    this.lastSeen = inEffect;
    this.problem = problem;
    this.reloads = reloads;
  }

  /** Starts polling on a daemon thread. */
  synchronized OptionsFileWatch start() {
    poller =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "options-file-watch");
              t.setDaemon(true);
              return t;
            });
    poller.scheduleWithFixedDelay(this::check, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Reads the file once and reports a change. */
  synchronized void check() {
    byte[] now;
    try {
      now = Files.readAllBytes(path);
    } catch (IOException e) {
      now = null;
    }
    if (Arrays.equals(now, lastSeen)) {
      return;
    }
    lastSeen = now;
    String why = now == null ? "--config: cannot read " + path : problem.apply(now);
    if (why != null) {
      LOG.warn("options file {} changed and is invalid, keeping the options in effect: {}",
          filename, why);
      reloads.failed(filename);
    } else if (Arrays.equals(now, inEffect)) {
      LOG.info("options file {} is back to the options in effect", filename);
      reloads.loaded(filename, now);
    } else {
      LOG.warn("options file {} changed; restart the exporter to apply it", filename);
    }
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }
}
