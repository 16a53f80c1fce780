package dev.kubestate.exporter.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.process.Exporter;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.exporter.testing.Endpoints;
import dev.kubestate.exporter.testing.TestExporters;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The standard {@code process_*} metrics on the telemetry port, with the names and types every
 * Prometheus client library gives them (and exporter dashboards read), values that fit this JVM,
 * and none of Micrometer's own {@code process_*} series beside them.
 */
@ExtendWith(CrudApiServer.class)
class ProcessMetricsIT {

  static KubernetesClient client;
  static KubernetesMockServer server;

  @Test
  void servesTheStandardProcessMetrics() throws Exception {
    try (Exporter exporter =
        Exporter.start(TestExporters.config(client.getConfiguration(), "--resources=namespaces"))) {
      String body = Endpoints.get(exporter.telemetryPort(), "/metrics").body();
      Map<String, String> types = new HashMap<>();
      Map<String, Double> values = new HashMap<>();
      for (String line : body.split("\n")) {
        if (line.startsWith("# TYPE process_")) {
          String[] f = line.split(" ");
          types.put(f[2], f[3]);
        } else if (line.startsWith("process_")) {
          String[] f = line.split(" ");
          values.put(f[0], Double.parseDouble(f[1]));
        }
      }
      assertEquals(
          Map.of(
              "process_cpu_seconds_total", "counter",
              "process_resident_memory_bytes", "gauge",
              "process_virtual_memory_bytes", "gauge",
              "process_open_fds", "gauge",
              "process_max_fds", "gauge",
              "process_start_time_seconds", "gauge"),
          types,
          body);
      double started = ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0;
      assertEquals(started, values.get("process_start_time_seconds"), 1.0, body);
      assertTrue(values.get("process_cpu_seconds_total") > 0, body);
      assertTrue(values.get("process_resident_memory_bytes") > 1 << 20, body);
      assertTrue(
          values.get("process_virtual_memory_bytes")
              >= values.get("process_resident_memory_bytes"),
          body);
      assertTrue(values.get("process_open_fds") > 0, body);
      assertTrue(values.get("process_max_fds") >= values.get("process_open_fds"), body);
      assertFalse(body.contains("process_uptime_seconds"), body);
      assertFalse(body.contains("process_cpu_usage"), body);
    }
  }
}
