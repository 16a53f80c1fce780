package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.process.Listeners;
import picocli.CommandLine.Option;

/** Listener flags, KSM's names and defaults. */
public final class ServerOptions {

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Main listener host. Default: :: (all interfaces).")
  String host = "::";

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "Main listener port (/metrics, /healthz, /livez, /readyz). Default: 8080.")
  int port = 8080;

  @Option(
      names = "--telemetry-host",
      paramLabel = "HOST",
      description = "Telemetry listener host. Default: :: (all interfaces).")
  String telemetryHost = "::";

  @Option(
      names = "--telemetry-port",
      paramLabel = "PORT",
      description = "Telemetry listener port (self metrics, /readyz). Default: 8081.")
  int telemetryPort = 8081;

  @Option(
      names = "--enable-gzip-encoding",
      description =
          "Accepted for KSM compatibility: /metrics is gzip-compressed whenever the request's"
              + " Accept-Encoding allows it. Default: false.")
  boolean enableGzipEncoding;

  /** Where to listen. */
  Listeners listeners() {
    return new Listeners(host, port, telemetryHost, telemetryPort);
  }

  /**
   * @throws IllegalArgumentException naming the flag
   */
  void validate() {
    checkPort("--port", port);
    checkPort("--telemetry-port", telemetryPort);
    if (port != 0 && port == telemetryPort && host.equals(telemetryHost)) {
      throw new IllegalArgumentException(
          "--telemetry-port: must differ from --port, both are " + port);
    }
  }

  static void checkPort(String flag, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(flag + ": must be in [0, 65535], got " + port);
    }
  }
}
