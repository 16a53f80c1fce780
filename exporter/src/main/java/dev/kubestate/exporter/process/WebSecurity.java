package dev.kubestate.exporter.process;

import dev.kubestate.exporter.webaccess.ServerTimeouts;
import dev.kubestate.exporter.webaccess.WebAccess;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Who may use the listeners, and how long a slow client is waited for. Immutable.
 *
 * @param tlsConfig the exporter-toolkit web config ({@code --tls-config}); null: plain HTTP, no
 *     basic auth
 * @param authFilter whether requests need a bearer token allowed by the API server ({@code
 *     --auth-filter})
 * @param timeouts the main listener's {@code --server-*-timeout} bounds
 */
public record WebSecurity(Path tlsConfig, boolean authFilter, ServerTimeouts timeouts) {

  public WebSecurity {
    Objects.requireNonNull(timeouts, "timeouts");
  }

  /** KSM's default: plain HTTP, no auth, KSM's timeouts. */
  public static WebSecurity none() {
    return new WebSecurity(null, false, ServerTimeouts.KSM_DEFAULTS);
  }

  /** The web config {@code file}, no auth filter, KSM's timeouts. */
  public static WebSecurity webConfig(Path file) {
    return new WebSecurity(file, false, ServerTimeouts.KSM_DEFAULTS);
  }

  /**
   * The URL scheme the listeners serve: {@code https} when the web config has a certificate,
   * else {@code http}. Blocking (reads the web config).
   *
   * @throws IllegalArgumentException one line naming the web config and what is wrong with it
   */
  public String scheme() {
    return tlsConfig != null && WebAccess.servesTls(tlsConfig) ? "https" : "http";
  }

  /** Whether anything guards the listeners besides the timeouts. */
  boolean guarded() {
    return tlsConfig != null || authFilter;
  }
}
