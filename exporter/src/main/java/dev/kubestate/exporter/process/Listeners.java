package dev.kubestate.exporter.process;

import java.util.Objects;

/**
 * Where an exporter listens. Immutable.
 *
 * @param host main listener host ({@code ::} = all interfaces)
 * @param port main listener port; 0 picks a free one
 * @param telemetryHost telemetry listener host
 * @param telemetryPort telemetry listener port; 0 picks a free one
 * @param security TLS, auth and timeouts of both listeners
 */
public record Listeners(
    String host, int port, String telemetryHost, int telemetryPort, WebSecurity security) {

  public Listeners {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(telemetryHost, "telemetryHost");
    Objects.requireNonNull(security, "security");
  }

  /** Plain HTTP, no auth, KSM's timeouts. */
  public Listeners(String host, int port, String telemetryHost, int telemetryPort) {
    this(host, port, telemetryHost, telemetryPort, WebSecurity.none());
  }

  /** The same addresses guarded by {@code security}. */
  public Listeners with(WebSecurity security) {
    return new Listeners(host, port, telemetryHost, telemetryPort, security);
  }

  /** Both listeners on {@code host}, on ephemeral ports. */
  public static Listeners ephemeral(String host) {
    return new Listeners(host, 0, host, 0);
  }
}
