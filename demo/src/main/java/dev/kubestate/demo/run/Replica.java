package dev.kubestate.demo.run;

/**
 * One replica of a {@link StatefulSetController}: what runs as a pod of the StatefulSet (in the
 * demo, an exporter shard). Implementations are thread-safe: the controller polls {@link
 * #isReady} from its own thread.
 */
public interface Replica extends AutoCloseable {

  /** Whether the replica would pass its readiness probe now. */
  boolean isReady();

  /** Stops the replica; idempotent; may block for a few seconds. */
  @Override
  void close();

  /**
   * Starts the replica of one ordinal once its pod exists.
   *
   * @param <R> the replica type
   */
  @FunctionalInterface
  interface Launcher<R extends Replica> {

    /**
     * Starts the replica that runs as pod {@code pod} of namespace {@code namespace}, with
     * ordinal {@code ordinal}; returns once it runs (it may not be ready yet).
     *
     * @throws Exception when it cannot start; the controller retries later
     */
    R start(int ordinal, String namespace, String pod) throws Exception;
  }
}
