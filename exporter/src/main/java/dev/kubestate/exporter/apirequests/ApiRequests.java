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
}
