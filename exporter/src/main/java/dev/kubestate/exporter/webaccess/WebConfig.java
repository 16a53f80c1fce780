package dev.kubestate.exporter.webaccess;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One parsed exporter-toolkit web config. Immutable.
 *
 * @param tls the TLS settings; null: plain HTTP
 * @param http2 whether HTTP/2 is offered over TLS (ALPN)
 * @param headers response headers added to every answer, in file order
 * @param users user name to bcrypt hash; empty: no basic auth
 * @param rateInterval the time between two requests of the token bucket; zero: no limit
 * @param rateBurst how many requests the bucket holds
 * @param files every file the config was read from, the config file first
 */
record WebConfig(
    TlsSettings tls,
    boolean http2,
    Map<String, String> headers,
    Map<String, String> users,
    Duration rateInterval,
    int rateBurst,
    List<java.nio.file.Path> files) {

  WebConfig {
    headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    users = Map.copyOf(Objects.requireNonNull(users, "users"));
    files = List.copyOf(files);
  }

  /** No TLS, no auth, no headers, no limit. */
  static WebConfig open() {
    return new WebConfig(null, false, Map.of(), Map.of(), Duration.ZERO, 0, List.of());
  }
}
