package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.StateSet;

/**
 * KSM's condition series: one line per status in the order true, false, unknown, 1 for the
 * condition's status (compared case-insensitively) and 0 for the others, all 0 for any other
 * status (reference/ksm-behaviour.md 6). A generator begins the sample with its own labels and
 * lets the set end it: {@code STATUS.write(out.begin().label("condition", type), status)}.
 */
public final class Conditions {

  /** The status as label {@code status} (most kinds). */
  public static final StateSet STATUS =
      StateSet.of("status", "true", "false", "unknown").ignoringCase();

  /** The status as label {@code condition} (pod readiness and scheduling, job outcome). */
  public static final StateSet CONDITION =
      StateSet.of("condition", "true", "false", "unknown").ignoringCase();

  private Conditions() {}
}
