package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The shard-health dashboard (deploy/statefulset/monitoring/dashboard.json): the ConfigMap for
 * Grafana's sidecar carries it unchanged; every panel query parses (promtool, through recording
 * rules made of the queries), reads only telemetry the exporter serves, under
 * job="kube-state-metrics", from the dashboard's data source variable; and it shows what shard
 * health needs.
 */
class DashboardTest {

  private static final Path DASHBOARD =
      RenderedManifests.BASE.resolve("monitoring").resolve("dashboard.json");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What the dashboard must show: objects, bytes, scrapes, handoff, hash space, traffic. */
  private static final Set<String> SHOWN =
      Set.of(
          "kube_state_exporter_store_objects",
          "kube_state_exporter_store_bytes",
          "http_request_duration_seconds_bucket",
          "kube_state_exporter_shard_handoff",
          "kube_state_exporter_shard_hash_fraction",
          "kube_state_exporter_objects_received_total",
          "kube_state_exporter_objects_kept_total",
          "kube_state_exporter_render_failures_total",
          "kube_state_exporter_informer_handler_failures_total",
          "kube_state_metrics_list_total",
          "kube_state_metrics_watch_total");

  private static JsonNode dashboard;

  @BeforeAll
  static void read() throws IOException {
    dashboard = JSON.readTree(DASHBOARD.toFile());
  }

  @Test
  void configMapCarriesTheDashboardForGrafanasSidecar() throws Exception {
    ConfigMap map =
        RenderedManifests.of(RenderedManifests.MONITORING)
            .get(ConfigMap.class, "kube-state-exporter-dashboard");
    assertEquals("1", map.getMetadata().getLabels().get("grafana_dashboard"));
    assertEquals(1, map.getData().size());
    Map.Entry<String, String> file = map.getData().entrySet().iterator().next();
    assertTrue(file.getKey().endsWith(".json"), file.getKey());
    assertEquals(dashboard, JSON.readTree(file.getValue()));
  }

  @Test
  void everyQueryParses(@TempDir Path dir) throws Exception {
    Promtool promtool = Promtool.required();
    Map<String, String> queries = queries();
    ObjectNode rules = JSON.createObjectNode();
    ArrayNode records =
        rules.putArray("groups").addObject().put("name", "dashboard").putArray("rules");
    int i = 0;
    for (Map.Entry<String, String> q : queries.entrySet()) {
      records.addObject().put("record", "dashboard_query_" + i++).put("expr", q.getValue());
    }
    Path file = dir.resolve("dashboard-queries.yaml");
    YamlDocuments.YAML.writeValue(file.toFile(), rules);
    promtool.checkRules(file);
  }

  @Test
  void readsOnlyServedTelemetryOfTheKsmJob() {
    for (Map.Entry<String, String> q : queries().entrySet()) {
      List<PromQl.Selector> selectors = PromQl.selectors(q.getValue());
      assertTrue(!selectors.isEmpty(), q.getKey());
      for (PromQl.Selector s : selectors) {
        assertTrue(ServedMetrics.TELEMETRY.contains(s.metric()), s.metric() + " in " + q.getKey());
        assertTrue(s.matchers().contains("job=\"kube-state-metrics\""), s + " in " + q.getKey());
      }
    }
  }

  @Test
  void showsWhatShardHealthNeeds() {
    Set<String> shown = new TreeSet<>();
    for (String query : queries().values()) {
      PromQl.selectors(query).forEach(s -> shown.add(s.metric()));
    }
    Set<String> missing = new TreeSet<>(SHOWN);
    missing.removeAll(shown);
    assertEquals(Set.of(), missing);
  }

  @Test
  void panelsQueryTheDataSourceVariableAndHaveUniqueIds() {
    Set<Integer> ids = new TreeSet<>();
    int panels = 0;
    for (JsonNode panel : dashboard.path("panels")) {
      panels++;
      assertTrue(ids.add(panel.path("id").asInt()), "duplicate id " + panel.path("id"));
      if (!"row".equals(panel.path("type").asString())) {
        assertEquals(
            "${datasource}", panel.path("datasource").path("uid").asString(), title(panel));
        for (JsonNode target : panel.path("targets")) {
          assertEquals("${datasource}", target.path("datasource").path("uid").asString());
        }
      }
    }
    assertEquals(panels, ids.size());
    assertEquals(
        "datasource", dashboard.path("templating").path("list").get(0).path("name").asString());
  }

  /** Every panel query, keyed by panel title and refId. */
  private static Map<String, String> queries() {
    Map<String, String> out = new LinkedHashMap<>();
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        out.put(
            title(panel) + " " + target.path("refId").asString(), target.path("expr").asString());
      }
    }
    assertTrue(out.size() > 10, "" + out.size());
    return out;
  }

  private static String title(JsonNode panel) {
    return "panel \"" + panel.path("title").asString() + "\"";
  }
}
