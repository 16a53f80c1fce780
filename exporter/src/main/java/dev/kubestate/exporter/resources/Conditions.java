package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.StateSet;

/**
 * KSM's condition series: one line per status in the order true, false, unknown (written
 * lower-cased), 1 for the condition's status and 0 for the others (reference/ksm-behaviour.md 6).
 * The status is compared exactly as the API spells it ({@code True}, {@code False}, {@code
 * Unknown}), as KSM compares it: any other spelling, {@code true} included, gives three zeros. A
 * generator begins the sample with its own labels and lets the set end it: {@code
 * STATUS.write(out.begin().label("condition", type), status)}.
 */
public final class Conditions {

  /** The status as label {@code status} (most kinds). */
  public static final StateSet STATUS =
      StateSet.of("status", "true", "false", "unknown").matching("True", "False", "Unknown");

  /** The status as label {@code condition} (pod readiness and scheduling, job outcome). */
  public static final StateSet CONDITION =
      StateSet.of("condition", "true", "false", "unknown").matching("True", "False", "Unknown");

  private Conditions() {}
}
