package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.process.ExportedMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the options file after start (polling its bytes, which also sees a ConfigMap's symlink
 * swap). A change is checked at once, strictly, against the flags: an invalid file is one log line
 * and {@code kube_state_metrics_last_config_reload_successful} 0, the options in effect stay. A
 * valid change is applied live: what is exported ({@link OptionsFileKeys#LIVE}: resources, family
 * lists, allowlists) through {@link Applier}, reported loaded once every scrape sees it; keys that
 * only apply at start (ports, TLS, sharding, the API server, namespaces, ...) are named in one log
 * line saying a restart applies them. Thread-safe.
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

  /** Applies what is exported; the exporter's {@code apply}. */
  interface Applier {
    /**
     * @return completes, saying what changed, once every scrape sees {@code next}; fails with a
     *     {@link CancellationException} when a later change supersedes it
     */
    CompletableFuture<String> apply(ExportedMetrics next);
  }

  /**
   * A content of the file read with the flags: why it cannot be applied, or what it exports and
   * its values by key.
   */
  record Parsed(String problem, ExportedMetrics metrics, Map<String, Object> values) {

    static Parsed invalid(String problem) {
      return new Parsed(problem, null, Map.of());
    }
  }

  private final Path path;
  private final String filename;
  private final Map<String, Object> atStart;
  private final Function<byte[], Parsed> parse;
  private final Applier applier;
  private final Reloads reloads;
  private byte[] lastSeen;
  private ScheduledExecutorService poller;

  /**
   * @param inEffect the bytes applied at start, or null when none were
   * @param atStart the file's values applied at start (empty when none were)
   * @param parse reads a content with the flags
   */
  OptionsFileWatch(
      Path path,
      String filename,
      byte[] inEffect,
      Map<String, Object> atStart,
      Function<byte[], Parsed> parse,
      Applier applier,
      Reloads reloads) {
    this.path = path;
    this.filename = filename;
    this.lastSeen = inEffect;
    this.atStart = Map.copyOf(atStart);
    this.parse = parse;
    this.applier = applier;
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

  /**
   * Reads the file once and, when it changed, applies it.
   *
   * @return completes when the change is applied (or failed, or superseded); at once when the
   *     file did not change or is invalid
   */
  synchronized CompletableFuture<Void> check() {
    byte[] now;
    try {
      now = Files.readAllBytes(path);
    } catch (IOException e) {
      now = null;
    }
    if (Arrays.equals(now, lastSeen)) {
      return CompletableFuture.completedFuture(null);
    }
    lastSeen = now;
    Parsed parsed = now == null ? Parsed.invalid("--config: cannot read " + path) : parse.apply(now);
    if (parsed.problem() != null) {
      LOG.warn(
          "options file {} changed and is invalid, keeping the options in effect: {}",
          filename,
          parsed.problem());
      reloads.failed(filename);
      return CompletableFuture.completedFuture(null);
    }
    Set<String> atRestart = restartOnly(atStart, parsed.values());
    if (!atRestart.isEmpty()) {
      LOG.warn(
          "options file {} changed {}, which apply only at start: restart the exporter to apply"
              + " them; the rest is applied now",
          filename,
          String.join(", ", atRestart));
    }
    byte[] content = now;
    return applier
        .apply(parsed.metrics())
        .handle(
            (what, e) -> {
              Throwable cause = e instanceof CompletionException c ? c.getCause() : e;
              if (cause instanceof CancellationException) {
                LOG.debug("options file {}: a newer change superseded this one", filename);
              } else if (cause != null) {
                LOG.warn("options file {} could not be applied: {}", filename, cause.toString());
                reloads.failed(filename);
              } else {
                LOG.info("options file {} applied: {}", filename, what);
                reloads.loaded(filename, content);
              }
              return null;
            });
  }

  /** The keys outside {@link OptionsFileKeys#LIVE} whose values differ, sorted. */
  static Set<String> restartOnly(Map<String, Object> before, Map<String, Object> after) {
    Set<String> keys = new HashSet<>(before.keySet());
    keys.addAll(after.keySet());
    Set<String> out = new TreeSet<>();
    for (String k : keys) {
      if (!OptionsFileKeys.LIVE.contains(k) && !Objects.equals(before.get(k), after.get(k))) {
        out.add(k);
      }
    }
    return out;
  }

  @Override
  public synchronized void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }
}
