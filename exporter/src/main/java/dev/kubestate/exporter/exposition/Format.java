package dev.kubestate.exporter.exposition;

import java.nio.charset.StandardCharsets;

/** Exposition formats served on {@code /metrics}. */
public enum Format {
  /** Prometheus text format 0.0.4. */
  TEXT,
  /** OpenMetrics 1.0.0 text. */
  OPENMETRICS_1_0_0,
  /** OpenMetrics 0.0.1 text (the same body as 1.0.0, as KSM writes it). */
  OPENMETRICS_0_0_1;

  /** Bytes that end a complete body in this format: {@code # EOF\n} for OpenMetrics. */
  public byte[] trailer() {
    return this == TEXT ? new byte[0] : EOF.clone();
  }

  private static final byte[] EOF = "# EOF\n".getBytes(StandardCharsets.US_ASCII);
}
