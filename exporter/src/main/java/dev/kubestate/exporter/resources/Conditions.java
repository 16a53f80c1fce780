package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.Samples;
import java.util.Locale;

/**
 * KSM's condition series: one sample per status in the order true, false, unknown (values
 * lower-cased), 1 for the condition's status and 0 for the others (reference/ksm-behaviour.md
 * 6). Stateless.
 */
public final class Conditions {

  private static final String[] STATUSES = {"true", "false", "unknown"};

  private Conditions() {}

  /**
   * Writes the three samples {@code <label>=<status>} for a condition status such as {@code
   * "True"}; a status matching none of them gives three zeros, as KSM.
   */
  public static void write(Samples out, String statusLabel, String status) {
    String lower = status == null ? "" : status.toLowerCase(Locale.ROOT);
    for (String s : STATUSES) {
      out.sample(statusLabel, s, s.equals(lower) ? 1 : 0);
    }
  }

  /** Like {@link #write} with a label written before the status (e.g. {@code condition}). */
  public static void write(
      Samples out, String firstLabel, String firstValue, String statusLabel, String status) {
    String lower = status == null ? "" : status.toLowerCase(Locale.ROOT);
    for (String s : STATUSES) {
      out.begin().label(firstLabel, firstValue).label(statusLabel, s).value(s.equals(lower) ? 1 : 0);
    }
  }

  /** Like {@link #write} with two labels written before the status (e.g. reason, condition). */
  public static void write(
      Samples out,
      String firstLabel,
      String firstValue,
      String secondLabel,
      String secondValue,
      String statusLabel,
      String status) {
    String lower = status == null ? "" : status.toLowerCase(Locale.ROOT);
    for (String s : STATUSES) {
      out.begin()
          .label(firstLabel, firstValue)
          .label(secondLabel, secondValue)
          .label(statusLabel, s)
          .value(s.equals(lower) ? 1 : 0);
    }
  }

  /** 1 when a condition status is {@code True} (case-insensitive), else 0. */
  public static double isTrue(String status) {
    return "true".equalsIgnoreCase(status) ? 1 : 0;
  }
}
