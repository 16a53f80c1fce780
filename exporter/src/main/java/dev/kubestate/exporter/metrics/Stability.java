package dev.kubestate.exporter.metrics;

/** KSM's stability levels; STABLE families carry {@code [STABLE] } in their HELP text. */
public enum Stability {
  STABLE,
  ALPHA
}
