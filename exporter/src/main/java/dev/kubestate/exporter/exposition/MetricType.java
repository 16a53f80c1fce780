package dev.kubestate.exporter.exposition;

/** The type written on a family's {@code # TYPE} line. */
public enum MetricType {
  GAUGE("gauge"),
  COUNTER("counter"),
  INFO("info"),
  STATESET("stateset");

  private final String openMetricsName;

  MetricType(String openMetricsName) {
    this.openMetricsName = openMetricsName;
  }

  /**
   * The TYPE word for a format. Text 0.0.4 has no info or stateset and writes {@code gauge} for
   * them, as KSM does (reference/ksm-behaviour.md 3.1).
   */
  public String typeName(Format format) {
    if (format == Format.TEXT && (this == INFO || this == STATESET)) {
      return GAUGE.openMetricsName;
    }
    return openMetricsName;
  }
}
