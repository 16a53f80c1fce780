package dev.kubestate.exporter.server;

import java.util.concurrent.CompletionStage;

/** Asks the API server whether it is live, without blocking the caller. */
@FunctionalInterface
public interface LivenessCheck {

  /**
   * Starts the check and returns at once.
   *
   * @return completes with true when the API server answered its {@code /livez} with 2xx, false
   *     or exceptionally otherwise; never throws
   */
  CompletionStage<Boolean> check();
}
