package dev.kubestate.exporter.process;

import java.util.Objects;

/**
 * Where an exporter listens. Immutable.
 *
 * @param host main listener host ({@code ::} = all interfaces)
 * @param port main listener port; 0 picks a free one
 * @param telemetryHost telemetry listener host
 * @param telemetryPort telemetry listener port; 0 picks a free one
 */
public record Listeners(String host, int port, String telemetryHost, int telemetryPort) {

  public Listeners {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(telemetryHost, "telemetryHost");
  }

  /** Both listeners on {@code host}, on ephemeral ports. */
  public static Listeners ephemeral(String host) {
    return new Listeners(host, 0, host, 0);
  }
}
