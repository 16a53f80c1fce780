package dev.kubestate.exporter.informers;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.Locale;
import java.util.Objects;

/**
 * One failed LIST or WATCH, told in one line: what failed, why (the innermost cause's message, or
 * the API server's status), and when fabric8's reflector tries again. The delay follows the
 * reflector's backoff (its watch reconnect interval, doubled per failure up to 32 times it),
 * counted from the last list that succeeded: the informer's last synced resourceVersion changes
 * with every successful list or watch event, and the reflector restarts its backoff then.
 * Thread-safe.
 */
final class ApiFailure {

  /** The reflector doubles its interval at most this many times. */
  private static final int MAX_DOUBLINGS = 5;

  private final long intervalMillis;
  private int failures;
  private String versionAtLastFailure;

  /** @param intervalMillis the client's watch reconnect interval, the reflector's first delay */
  ApiFailure(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  /**
   * The delay before the reflector's next attempt after this failure, in ms.
   *
   * @param lastSyncVersion the informer's last synced resourceVersion, null before any list
   */
  synchronized long nextRetryMillis(String lastSyncVersion) {
    if (!Objects.equals(lastSyncVersion, versionAtLastFailure)) {
      failures = 0;
      versionAtLastFailure = lastSyncVersion;
    }
    long delay = intervalMillis << Math.min(failures, MAX_DOUBLINGS);
    failures++;
    return delay;
  }

  /** {@code watch} when the failure is a watch's, else {@code list}. */
  static String operation(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof WatcherException) {
        return "watch";
      }
      String m = c.getMessage();
      if (m != null && m.contains("watch=true")) {
        return "watch";
      }
    }
    return "list";
  }

  /**
   * Why it failed, in a few words: {@code HTTP 503 Service Unavailable: message} for an API server
   * status, else the innermost cause's message (e.g. {@code Connection refused:
   * localhost/127.0.0.1:6443}), or its class when it has none.
   */
  static String cause(Throwable t) {
    Throwable innermost = t;
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof KubernetesClientException e && e.getCode() > 0) {
        String reason = e.getStatus() == null ? null : e.getStatus().getMessage();
        return "HTTP " + e.getCode() + (reason == null || reason.isBlank() ? "" : ": " + reason);
      }
      innermost = c;
      if (c.getCause() == c) {
        break;
      }
    }
    String m = innermost.getMessage();
    return m == null || m.isBlank()
        ? innermost.getClass().getSimpleName()
        : m.replace('\n', ' ').trim();
  }

  /** {@code 1s}, {@code 32s}, {@code 500ms}: Go's duration style. */
  static String duration(long millis) {
    if (millis % 1000 == 0) {
      return millis / 1000 + "s";
    }
    return millis < 1000 ? millis + "ms" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }
}
