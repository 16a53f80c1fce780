package dev.kubestate.exporter.cli;

/**
 * A running exporter: its own Vert.x, fabric8 client, informers, stores, main and telemetry
 * servers. Stand-in with the agreed signatures until the server work provides the real one.
 */
public final class Exporter implements AutoCloseable {

  private Exporter() {}

  /**
   * Starts everything; returns once both listeners are bound (informers may still be syncing).
   *
   * @throws Exception when a listener cannot bind or the client cannot be built
   */
  public static Exporter start(ExporterConfig config) throws Exception {
    throw new UnsupportedOperationException("the exporter is provided by the server work");
  }

  /** The actual bound main port. */
  public int metricsPort() {
    throw new UnsupportedOperationException("the exporter is provided by the server work");
  }

  /** The actual bound telemetry port. */
  public int telemetryPort() {
    throw new UnsupportedOperationException("the exporter is provided by the server work");
  }

  /** Whether every informer has synced. */
  public boolean isSynced() {
    return false;
  }

  /** Stops informers, then servers, then the client and Vert.x; idempotent; waits up to ~5 s. */
  @Override
  public void close() {}
}
