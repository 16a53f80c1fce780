package dev.kubestate.exporter.telemetry;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * KSM's reload series for the options file ({@code type="config"}, {@code filename}): {@code
 * kube_state_metrics_config_hash}, {@code kube_state_metrics_last_config_reload_successful} and
 * {@code kube_state_metrics_last_config_reload_success_timestamp_seconds} (reference/
 * ksm-behaviour.md section 9). The hash and timestamp keep the last successful load's values
 * when a later load fails. Thread-safe.
 */
final class ConfigReloads {

  private static final String TYPE = "config";

  /** Per filename: the last successful load's hash and time (s), and the last attempt's result. */
  private static final class FileSeries {
    volatile double hash;
    volatile double successSeconds;
    volatile double successful;
    boolean succeededOnce;
  }

  private final Map<String, FileSeries> byFile = new HashMap<>();

  private final MeterRegistry registry;

  ConfigReloads(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The file at {@code filename} was loaded from {@code content}, now. */
  synchronized void loaded(String filename, byte[] content) {
    FileSeries s = series(filename);
    s.hash = hash(content);
    s.successSeconds = System.currentTimeMillis() / 1000.0;
    s.successful = 1;
    if (!s.succeededOnce) {
      // Like KSM, the hash and the success time exist only once a load has succeeded.
      s.succeededOnce = true;
      register("kube.state.metrics.config.hash", "Hash of the currently loaded configuration.",
          filename, s, f -> f.hash);
      register("kube.state.metrics.last.config.reload.success.timestamp.seconds",
          "Timestamp of the last successful configuration reload.", filename, s,
          f -> f.successSeconds);
    }
  }

  /** Loading the file at {@code filename} failed; the last successful load's hash stays. */
  synchronized void failed(String filename) {
    series(filename).successful = 0;
  }

  private FileSeries series(String filename) {
    FileSeries s = byFile.get(filename);
    if (s == null) {
      s = new FileSeries();
      byFile.put(filename, s);
      register("kube.state.metrics.last.config.reload.successful",
          "Whether the last configuration reload attempt was successful.", filename, s,
          f -> f.successful);
    }
    return s;
  }

  private void register(
      String name, String help, String filename, FileSeries s, ToDoubleFunction<FileSeries> f) {
    Gauge.builder(name, s, f)
        .description(help)
        .tag("filename", filename)
        .tag("type", TYPE)
        .register(registry);
  }

  /** KSM's hash: the first 6 bytes of the content's MD5, read little-endian (48 bits). */
  static long hash(byte[] content) {
    byte[] md5;
    try {
      md5 = MessageDigest.getInstance("MD5").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is a required JDK algorithm", e);
    }
    long h = 0;
    for (int i = 5; i >= 0; i--) {
      h = (h << 8) | (md5[i] & 0xff);
    }
    return h;
  }
}
