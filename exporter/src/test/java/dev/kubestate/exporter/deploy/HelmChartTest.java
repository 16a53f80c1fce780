package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.marcnuri.helm.LintResult;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.resources.Kinds;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * The Helm chart deploy/helm/kube-state-exporter: it lints; its rules and dashboard are the
 * kustomize monitoring component's files; it renders, every object strictly parsed, under every
 * value set below; the ClusterRole grants list and watch of exactly the collectors; the values
 * named after KSM's chart become the exporter's flags; and values the chart cannot honour fail at
 * {@code helm template} (so at {@code helm install}) with a message naming them. The equivalence
 * of its default render with the kustomize base is {@link HelmKustomizeEquivalenceTest}.
 */
class HelmChartTest {

  private static final Path MONITORING = RenderedManifests.BASE.resolve("monitoring");

  @Test
  void lintsStrictly() {
    LintResult lint = HelmChart.lint();
    assertFalse(lint.isFailed(), "" + lint.getMessages());
  }

  @Test
  void appVersionIsTheProjectsVersion() throws Exception {
    String chart = Files.readString(HelmChart.CHART.resolve("Chart.yaml"));
    String pom = Files.readString(Path.of("..", "pom.xml"));
    Matcher version = Pattern.compile("(?m)^  <version>(.+)</version>").matcher(pom);
    assertTrue(version.find(), "the parent pom's version");
    assertTrue(
        chart.contains("\nappVersion: \"" + version.group(1) + "\"\n"),
        "Chart.yaml appVersion " + version.group(1));
  }

  @Test
  void shipsTheMonitoringComponentsRulesAndDashboardByteForByte() throws Exception {
    Path files = HelmChart.CHART.resolve("files");
    assertEquals(
        Files.readString(MONITORING.resolve("prometheusrule.yaml")),
        Files.readString(files.resolve("prometheusrule.yaml")),
        "the chart's rules must be the kustomize component's file: copy it over");
    assertEquals(
        Files.readString(MONITORING.resolve("dashboard.json")),
        Files.readString(files.resolve("dashboard.json")),
        "the chart's dashboard must be the kustomize component's file: copy it over");
  }

  static Stream<String> valueSets() {
    return Stream.of(
        "",
        "autosharding: {enabled: false}\nreplicas: 1",
        "autosharding: {serverSideSharding: \"on\"}",
        "prometheus: {monitor: {enabled: true}}\nselfMonitor: {enabled: false}",
        """
        prometheus:
          monitor:
            enabled: true
            namespace: monitoring
            additionalLabels: {release: kube-prometheus-stack}
            http:
              metricRelabelings:
                - {action: drop, sourceLabels: [__name__], regex: kube_secret_.*}
              relabelings:
                - {action: replace, targetLabel: cluster, replacement: east}
        prometheusRule: {enabled: true, additionalLabels: {release: kube-prometheus-stack}}
        dashboard: {enabled: true}
        """,
        "networkPolicy: {enabled: true}\nservice: {port: 9090}",
        """
        collectors: [pods, nodes, roles]
        rbac:
          extraRules:
            - {apiGroups: [example.org], resources: [widgets], verbs: [list, watch]}
        """,
        """
        metricLabelsAllowlist: ["pods=[app,team]", "namespaces=[*]"]
        metricAnnotationsAllowList: ["pods=[owner]"]
        metricDenylist: [kube_secret_.*]
        namespaces: default,kube-system
        namespacesDenylist: [kube-public]
        """,
        "extraArgs: [--enable-gzip-encoding, --track-unscheduled-pods]",
        """
        rbac: {create: false}
        serviceAccount: {create: false, name: existing}
        podDisruptionBudget: {}
        securityContext: {enabled: false}
        imagePullSecrets: [regcred, {name: other}]
        image: {registry: registry.example.org, sha: %s}
        tolerations: [{operator: Exists}]
        affinity:
          nodeAffinity:
            requiredDuringSchedulingIgnoredDuringExecution:
              nodeSelectorTerms:
                - matchExpressions: [{key: pool, operator: In, values: [monitoring]}]
        topologySpreadConstraints: []
        podLabels: {team: platform}
        podAnnotations: {example.org/owner: platform}
        customLabels: {cost-centre: "42"}
        env: [{name: EXTRA, value: "1"}]
        """
            .formatted("a".repeat(64)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valueSets")
  void rendersObjectsThatParseStrictly(String values) {
    HelmChart chart = HelmChart.template(values);
    assertFalse(chart.objects().isEmpty());
    assertEquals(1, chart.names("StatefulSet").size(), "always one StatefulSet");
    assertEquals(List.of(), chart.names("Deployment"));
  }

  @Test
  void defaultCollectorsAreTheExportersDefaultResources() {
    assertEquals(
        new TreeSet<>(Kinds.defaults()),
        new TreeSet<>(granted(HelmChart.template(""))),
        "list and watch granted by default");
  }

  static Stream<String> everyKind() {
    return Kinds.all().keySet().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everyKind")
  void grantsListAndWatchOfExactlyTheCollectorsUnderTheirApiGroup(String resource) {
    HelmChart chart = HelmChart.template("collectors: [" + resource + "]");
    ResourceKind<?> kind = Kinds.get(resource);
    ClusterRole role = chart.get(ClusterRole.class, HelmChart.RELEASE);
    assertEquals(2, role.getRules().size(), "" + role.getRules());
    PolicyRule rule = role.getRules().get(0);
    assertEquals(List.of(kind.group()), rule.getApiGroups());
    assertEquals(List.of(kind.resource()), rule.getResources());
    assertEquals(List.of("list", "watch"), rule.getVerbs());
    assertEquals(List.of("/livez"), role.getRules().get(1).getNonResourceURLs());
    assertTrue(
        chart.exporterContainer().args().contains("--resources=" + resource),
        "" + chart.exporterContainer().args());
  }

  @Test
  void withoutAutoshardingEveryReplicaExportsEverythingAndNeedsNoRole() {
    HelmChart chart = HelmChart.template("autosharding: {enabled: false}");
    ContainerSettings c = chart.exporterContainer();
    for (String arg : c.args()) {
      assertFalse(arg.startsWith("--pod") || arg.startsWith("--shard"), arg);
    }
    assertEquals(Map.of(), c.downwardEnv());
    assertEquals(List.of(), chart.names("Role"));
    assertEquals(List.of(), chart.names("RoleBinding"));
  }

  @Test
  void passesKsmChartValuesAsTheExportersFlags() {
    HelmChart chart =
        HelmChart.template(
            """
            collectors: [pods, namespaces]
            metricLabelsAllowlist: ["pods=[app,team]", "namespaces=[*]"]
            metricAnnotationsAllowList: ["pods=[owner]"]
            metricAllowlist: [kube_pod_.*, kube_namespace_.*]
            namespaces: default,kube-system
            releaseNamespace: true
            namespacesDenylist: [kube-public]
            extraArgs: [--enable-gzip-encoding]
            selfMonitor: {telemetryPort: 9091}
            autosharding: {serverSideSharding: "on"}
            """);
    List<String> args = chart.exporterContainer().args();
    assertEquals(
        List.of(
            "--port=8080",
            "--telemetry-port=9091",
            "--pod=$(POD_NAME)",
            "--pod-namespace=$(POD_NAMESPACE)",
            "--shard-map=consistent-ranges",
            "--server-side-sharding=on",
            "--resources=pods,namespaces",
            "--metric-labels-allowlist=pods=[app,team],namespaces=[*]",
            "--metric-annotations-allowlist=pods=[owner]",
            "--metric-allowlist=kube_pod_.*,kube_namespace_.*",
            "--namespaces=default,kube-system,kube-state-exporter",
            "--namespaces-denylist=kube-public",
            "--enable-gzip-encoding"),
        args);
    assertEquals(Map.of("http-metrics", 8080, "telemetry", 9091), chart.exporterContainer().ports());
  }

  @Test
  void carriesKsmChartServiceMonitorValuesAndKeepsTheKsmJob() {
    HelmChart chart =
        HelmChart.template(
            """
            selfMonitor: {enabled: true}
            prometheus:
              monitor:
                enabled: true
                additionalLabels: {release: prometheus}
                jobLabel: app.kubernetes.io/name
                targetLabels: [app.kubernetes.io/name]
                sampleLimit: 500000
                http:
                  interval: 1m
                  scrapeTimeout: 20s
                  honorLabels: true
                  relabelings:
                    - {sourceLabels: [__meta_kubernetes_pod_node_name], targetLabel: node}
                  metricRelabelings:
                    - {sourceLabels: [__name__], regex: kube_pod_.*, action: keep}
                metrics:
                  interval: 15s
                  honorLabels: true
            """);
    JsonNode monitor = chart.manifest("ServiceMonitor", HelmChart.RELEASE);
    assertEquals("prometheus", monitor.path("metadata").path("labels").path("release").asString());
    JsonNode spec = monitor.path("spec");
    assertEquals("app.kubernetes.io/name", spec.path("jobLabel").asString());
    assertEquals(500000, spec.path("sampleLimit").asInt());
    assertEquals("app.kubernetes.io/name", spec.path("targetLabels").get(0).asString());
    JsonNode http = spec.path("endpoints").get(0);
    assertEquals("1m", http.path("interval").asString());
    assertEquals("20s", http.path("scrapeTimeout").asString());
    assertEquals("keep", http.path("metricRelabelings").get(0).path("action").asString());
    JsonNode telemetry = spec.path("endpoints").get(1);
    assertEquals("15s", telemetry.path("interval").asString());
    assertTrue(telemetry.path("honorLabels").asBoolean());
    for (JsonNode endpoint : spec.path("endpoints")) {
      JsonNode first = endpoint.path("relabelings").get(0);
      assertEquals("job", first.path("targetLabel").asString(), "" + endpoint);
      assertEquals("kube-state-metrics", first.path("replacement").asString(), "" + endpoint);
    }
    assertEquals("node", http.path("relabelings").get(2).path("targetLabel").asString());
  }

  @Test
  void monitoringObjectsOnlyWhenAsked() {
    HelmChart chart = HelmChart.template("");
    for (String kind : List.of("ServiceMonitor", "PrometheusRule", "NetworkPolicy", "ConfigMap")) {
      assertEquals(List.of(), chart.names(kind), kind);
    }
    HelmChart withoutSelf =
        HelmChart.template("prometheus: {monitor: {enabled: true}}\nselfMonitor: {enabled: false}");
    assertEquals(
        1,
        withoutSelf
            .manifest("ServiceMonitor", HelmChart.RELEASE)
            .path("spec")
            .path("endpoints")
            .size(),
        "the metrics port only");
  }

  @Test
  void narrowsTheShardingRoleToTheReleasesStatefulSet() {
    HelmChart chart = HelmChart.template("metrics", "observability", "");
    StatefulSet set = chart.get(StatefulSet.class, "metrics-kube-state-exporter");
    assertEquals("observability", set.getMetadata().getNamespace());
    Role role = chart.get(Role.class, "metrics-kube-state-exporter-sharding");
    assertEquals(List.of("metrics-kube-state-exporter"), role.getRules().get(1).getResourceNames());
    ClusterRoleBinding binding =
        chart.get(ClusterRoleBinding.class, "metrics-kube-state-exporter");
    assertEquals(
        set.getSpec().getTemplate().getSpec().getServiceAccountName(),
        binding.getSubjects().get(0).getName());
    assertEquals("observability", binding.getSubjects().get(0).getNamespace());
  }

  static Stream<Arguments> badValues() {
    return Stream.of(
        Arguments.of("collectors: [pods, verticalpodautoscalers]", "collectors.1"),
        Arguments.of("collectors: []", "collectors"),
        Arguments.of("kubeRBACProxy: {enabled: true}", "kubeRBACProxy"),
        Arguments.of("service: {type: NodePort}", "type"),
        Arguments.of("replicas: 0", "replicas"),
        Arguments.of("image: {pullPolicy: Sometimes}", "image.pullPolicy"),
        Arguments.of("autosharding: {shardMap: modulo}", "autosharding.shardMap"),
        Arguments.of("extraArgs: [v=2]", "extraArgs.0"),
        Arguments.of(
            "metricAllowlist: [kube_pod_.*]\nmetricDenylist: [kube_secret_.*]",
            "metricAllowlist and metricDenylist exclude each other"),
        Arguments.of(
            "autosharding: {serverSideSharding: \"on\", shardMap: jump-back-hash}",
            "autosharding.serverSideSharding=on needs autosharding.shardMap=consistent-ranges"),
        Arguments.of(
            "prometheusRule: {enabled: true}\nselfMonitor: {enabled: false}",
            "prometheusRule.enabled needs selfMonitor.enabled"),
        Arguments.of(
            "selfMonitor: {telemetryPort: 8080}",
            "service.port and selfMonitor.telemetryPort are both 8080"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void refusesValuesItCannotHonourNamingThem(String values, String message) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> HelmChart.template(values));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static Set<String> granted(HelmChart chart) {
    Set<String> out = new TreeSet<>();
    for (PolicyRule rule : chart.get(ClusterRole.class, HelmChart.RELEASE).getRules()) {
      if (!rule.getResources().isEmpty()) {
        assertEquals(List.of("list", "watch"), rule.getVerbs());
        out.addAll(rule.getResources());
      }
    }
    return out;
  }
}
