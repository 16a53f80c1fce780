package dev.kubestate.exporter.server;

/**
 * Told how long each main-port {@code /metrics} request took, as KSM's {@code
 * http_request_duration_seconds{handler="metrics"}} measures, and of every main-port request
 * whose handler failed. Implementations must be fast, thread-safe and must not throw (they run on
 * the event loop).
 */
@FunctionalInterface
public interface RequestDurations {

  /** Ignores everything. */
  RequestDurations IGNORE = (method, nanos) -> {};

  /**
   * A {@code /metrics} request finished.
   *
   * @param method the request method as KSM labels it: lower case for the standard methods
   *     ({@code get}, {@code head}, ...), {@code unknown} for any other
   * @param nanos from the request's arrival to the end of its response
   */
  void metricsRequest(String method, long nanos);

  /**
   * A main-port request's handler threw; the request was answered with 500 or its connection
   * closed (see {@link HandlerFailures}). Ignored unless overridden.
   */
  default void handlerFailed() {}
}
