package dev.kubestate.exporter.telemetry;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.vertx.micrometer.MicrometerMetricsOptions;

/**
 * The registry behind the telemetry port: Micrometer's Prometheus registry with the Prometheus
 * Java client's standard {@code process_*} collector ({@code process_cpu_seconds_total}, {@code
 * process_resident_memory_bytes}, {@code process_virtual_memory_bytes}, {@code process_open_fds},
 * {@code process_max_fds}, {@code process_start_time_seconds}: the names and types that exporter
 * dashboards read, as every Prometheus client library exports them). Micrometer's own {@code
 * process.*} meters are denied: they would duplicate {@code process_start_time_seconds} and give
 * CPU under other names.
 */
public final class SelfRegistry {

  private SelfRegistry() {}

  /** A new registry with the standard process collector. */
  public static PrometheusMeterRegistry create() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry.config().meterFilter(MeterFilter.denyNameStartsWith("process."));
    ProcessMetrics.builder().register(registry.getPrometheusRegistry());
    return registry;
  }

  /** Vert.x metrics options for the listeners' Vert.x: HTTP server and JVM metrics. */
  public static MicrometerMetricsOptions vertxMetrics() {
    return new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true);
  }
}
