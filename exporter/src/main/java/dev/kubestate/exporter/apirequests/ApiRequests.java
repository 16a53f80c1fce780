package dev.kubestate.exporter.apirequests;

/**
 * Told about every LIST and WATCH request the informers make. Implementations must be
 * thread-safe, fast and must not throw (they run on HTTP client threads).
 */
public interface ApiRequests {

  /**
   * A LIST request finished.
   *
   * @param resource the kind's telemetry name, e.g. {@code *v1.Pod}
   * @param success whether the API server answered 2xx
   */
  void listed(String resource, boolean success);

  /** A WATCH request was answered (or failed to connect); arguments as {@link #listed}. */
  void watched(String resource, boolean success);

  /**
   * A successful LIST that carried a {@code shardSelector} was read to its end.
   *
   * @param resource the kind's telemetry name
   * @param honoured whether the response carried {@code metadata.shardInfo}, so the API server
   *     applied the selector; false when it ignored it and sent every object
   */
  default void shardSelectorAnswered(String resource, boolean honoured) {}

  /**
   * A LIST or WATCH request failed: after {@link #listed} or {@link #watched} with {@code
   * success=false}, what went wrong.
   *
   * @param resource the kind's telemetry name
   * @param watch whether it was a WATCH
   * @param status the API server's HTTP status, or 0 when no response came
   * @param cause why no response came, or null when one did
   */
  default void failed(String resource, boolean watch, int status, Throwable cause) {}
}
