package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The PrometheusRule of the monitoring component: valid for promtool and passing its unit tests
 * (exporter/src/test/resources/deploy/prometheusrule-test.yaml: a healthy fleet, a missing and an
 * overlapping shard, a stuck handoff, render and handler failures, and KSM's alerts fed with the
 * exporter's series); KSM's four self-alerts exactly as kube-prometheus ships them; every alert
 * documented in docs/runbooks.md and reading only served telemetry of job="kube-state-metrics".
 */
class PrometheusRuleTest {

  private static final String RULES_FILE = "prometheusrule-rules.yaml";
  private static final String TESTS_FILE = "prometheusrule-test.yaml";
  private static final Path RUNBOOKS = Path.of("..", "docs", "runbooks.md");
  private static final Set<String> SEVERITIES = Set.of("critical", "warning", "info");

  private static JsonNode spec;

  @BeforeAll
  static void render() throws Exception {
    spec =
        RenderedManifests.of(RenderedManifests.MONITORING)
            .custom("PrometheusRule", RenderedManifests.NAME)
            .getAdditionalPropertiesNode()
            .path("spec");
  }

  @Test
  void passesPromtoolCheckAndItsUnitTests(@TempDir Path dir) throws Exception {
    Promtool promtool = Promtool.required();
    Path rules = dir.resolve(RULES_FILE);
    YamlDocuments.YAML.writeValue(rules.toFile(), spec);
    Files.writeString(dir.resolve(TESTS_FILE), resource("/deploy/" + TESTS_FILE));
    promtool.checkRules(rules);
    ExternalTool.Run run = promtool.run(dir, "test", "rules", TESTS_FILE);
    assertTrue(run.succeeded(), "promtool test rules:\n" + run.output());
  }

  @Test
  void unitTestsCoverEveryAlert() throws IOException {
    Set<String> tested = new TreeSet<>();
    for (JsonNode test :
        YamlDocuments.parse(resource("/deploy/" + TESTS_FILE)).get(0).path("tests")) {
      for (JsonNode alertTest : test.path("alert_rule_test")) {
        tested.add(alertTest.path("alertname").asString());
      }
    }
    assertEquals(new TreeSet<>(alertNames()), tested);
  }

  @Test
  void shipsKsmSelfAlertsExactlyAsKubePrometheus() throws IOException {
    JsonNode reference = null;
    for (JsonNode group :
        YamlDocuments.parse(resource("/reference/kube-prometheus-rules.yaml"))
            .get(0)
            .path("groups")) {
      if (group.path("name").asString().equals("kube-state-metrics")) {
        reference = group;
      }
    }
    assertEquals(reference, spec.path("groups").get(0));
  }

  @Test
  void everyAlertHasSummaryDescriptionSeverityAndARunbook() throws IOException {
    List<String> headings = new ArrayList<>();
    for (String line : Files.readAllLines(RUNBOOKS, StandardCharsets.UTF_8)) {
      if (line.startsWith("## ")) {
        headings.add(line.substring(3).trim());
      }
    }
    for (JsonNode rule : rules()) {
      String alert = rule.path("alert").asString();
      assertFalse(rule.path("annotations").path("summary").asString("").isBlank(), alert);
      assertFalse(rule.path("annotations").path("description").asString("").isBlank(), alert);
      assertTrue(SEVERITIES.contains(rule.path("labels").path("severity").asString()), alert);
    }
    assertEquals(alertNames(), headings, "one runbook section per alert, in the rules' order");
  }

  @Test
  void readsOnlyServedTelemetryOfTheKsmJob() {
    for (JsonNode rule : rules()) {
      String expr = rule.path("expr").asString();
      List<PromQl.Selector> selectors = PromQl.selectors(expr);
      assertFalse(selectors.isEmpty(), expr);
      for (PromQl.Selector s : selectors) {
        assertTrue(ServedMetrics.TELEMETRY.contains(s.metric()), s.metric() + " in " + expr);
        assertTrue(s.matchers().contains("job=\"kube-state-metrics\""), s + " in " + expr);
      }
    }
  }

  private static List<JsonNode> rules() {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode group : spec.path("groups")) {
      group.path("rules").forEach(out::add);
    }
    return out;
  }

  private static List<String> alertNames() {
    List<String> out = new ArrayList<>();
    for (JsonNode rule : rules()) {
      out.add(rule.path("alert").asString());
    }
    return out;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = PrometheusRuleTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
