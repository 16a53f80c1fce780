package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.process.Listeners;
import dev.kubestate.exporter.process.WebSecurity;
import dev.kubestate.exporter.webaccess.GoDuration;
import dev.kubestate.exporter.webaccess.ServerTimeouts;
import dev.kubestate.exporter.webaccess.WebAccess;
import java.nio.file.Path;
import java.time.Duration;
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

  @Option(
      names = "--tls-config",
      paramLabel = "FILE",
      description =
          "Exporter-toolkit web config (TLS, basic auth, headers, rate limit) for both listeners;"
              + " re-read when it or its certificates change. Default: none (plain HTTP).")
  String tlsConfig = "";

  @Option(
      names = "--auth-filter",
      description =
          "Require a bearer token allowed by TokenReview and SubjectAccessReview on every path"
              + " but the probes and /. Default: false.")
  boolean authFilter;

  @Option(
      names = "--server-read-timeout",
      paramLabel = "DURATION",
      description = "Main listener's bound on reading a request. Default: 1m0s.")
  String readTimeout = "1m0s";

  @Option(
      names = "--server-write-timeout",
      paramLabel = "DURATION",
      description = "Main listener's bound on writing a response. Default: 1m0s.")
  String writeTimeout = "1m0s";

  @Option(
      names = "--server-idle-timeout",
      paramLabel = "DURATION",
      description = "Main listener's keep-alive idle timeout. Default: 5m0s.")
  String idleTimeout = "5m0s";

  @Option(
      names = "--server-read-header-timeout",
      paramLabel = "DURATION",
      description = "Main listener's bound on reading request headers. Default: 5s.")
  String readHeaderTimeout = "5s";

  /** The main listener's port ({@code --port}). */
  public int port() {
    return port;
  }

  /** The telemetry listener's port ({@code --telemetry-port}). */
  public int telemetryPort() {
    return telemetryPort;
  }

  /** The web config file ({@code --tls-config}); empty for none. */
  public String tlsConfig() {
    return tlsConfig;
  }

  /**
   * Who may use the listeners and how long slow clients are waited for.
   *
   * @throws IllegalArgumentException naming a {@code --server-*-timeout} flag that does not parse
   */
  public WebSecurity security() {
    return listeners().security();
  }

  /** Where to listen, and who may. */
  Listeners listeners() {
    return new Listeners(host, port, telemetryHost, telemetryPort)
        .with(
            new WebSecurity(
                tlsConfig.isEmpty() ? null : Path.of(tlsConfig),
                authFilter,
                new ServerTimeouts(
                    duration("--server-read-timeout", readTimeout),
                    duration("--server-write-timeout", writeTimeout),
                    duration("--server-idle-timeout", idleTimeout),
                    duration("--server-read-header-timeout", readHeaderTimeout))));
  }

  private static Duration duration(String flag, String text) {
    try {
      return GoDuration.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(flag + ": " + e.getMessage());
    }
  }

  /**
   * Checks the flags, reading the {@code --tls-config} file and the certificates it names.
   *
   * @throws IllegalArgumentException naming the flag; a {@link StartCheckFailure} for a web config
   *     that cannot be used
   */
  void validate() {
    checkPort("--port", port);
    checkPort("--telemetry-port", telemetryPort);
    listeners();
    checkTlsConfig(tlsConfig);
    if (port != 0 && port == telemetryPort && host.equals(telemetryHost)) {
      throw new IllegalArgumentException(
          "--telemetry-port: must differ from --port, both are " + port);
    }
  }

  /**
   * Reads the web config {@code file} (empty: none) as the listeners will, so that a missing,
   * unparsable or incomplete one stops the start before any client is built.
   *
   * @throws StartCheckFailure one line naming the file and what is wrong
   */
  public static void checkTlsConfig(String file) {
    if (file.isEmpty()) {
      return;
    }
    try {
      WebAccess.check(Path.of(file));
    } catch (IllegalArgumentException e) {
      throw new StartCheckFailure(e.getMessage());
    }
  }

  static void checkPort(String flag, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(flag + ": must be in [0, 65535], got " + port);
    }
  }
}
