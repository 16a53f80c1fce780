package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.HTTPHeader;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * TLS and auth through the chart's values: {@code webConfig} becomes {@code --tls-config} on a
 * web config read from a mounted Secret volume (inline, or an existing Secret), a TLS Secret
 * (cert-manager's) mounted beside it; {@code authFilter.enabled} becomes {@code --auth-filter} with
 * the review rights, and the scraper's role when asked; with TLS the probes and the ServiceMonitor
 * speak HTTPS, the monitor verifying with the CA and name the values give and sending the token or
 * the basic auth the exporter asks for. Off, nothing of it is rendered. Values the exporter could
 * not start with, or that would leave the pods unprobeable, fail at {@code helm template}.
 */
class HelmWebAccessTest {

  private static final String NAME = HelmChart.RELEASE;
  private static final String WEB = "/etc/kube-state-exporter/web";
  private static final String TLS = "/etc/kube-state-exporter/tls";
  private static final String HASH = "$2y$10$ivQUbMkR.eTaF734jzfW1edg8bTwhwRJb/559O5kpGi3OfznwFpXW";
  private static final String CERT_MANAGER =
      """
      webConfig:
        enabled: true
        tlsSecret: exporter-tls
        config:
          tls_server_config: {min_version: TLS13}
          http_server_config: {headers: {X-Frame-Options: deny}}
      """;

  @Test
  void offByDefaultWithoutAnyOfIt() {
    HelmChart chart = HelmChart.template("prometheus: {monitor: {enabled: true}}");
    for (String arg : chart.exporterContainer().args()) {
      assertFalse(arg.startsWith("--tls-config") || arg.startsWith("--auth-filter"), arg);
    }
    Container c = container(chart);
    assertNull(c.getLivenessProbe().getHttpGet().getScheme());
    assertNull(c.getReadinessProbe().getHttpGet().getScheme());
    assertEquals(List.of("tmp"), volumeNames(chart));
    assertEquals(List.of(), chart.names("Secret"));
    assertEquals(List.of(NAME), chart.names("ClusterRole"));
    assertFalse(chart.manifests().toString().contains("tokenreviews"));
    for (JsonNode endpoint : endpoints(chart)) {
      for (String field : List.of("scheme", "tlsConfig", "bearerTokenFile", "basicAuth")) {
        assertTrue(endpoint.path(field).isMissingNode(), field + " in " + endpoint);
      }
    }
  }

  @Test
  void inlineWebConfigIsMountedFromASecretVolumeWithTheCertManagerSecretBesideIt() {
    HelmChart chart = HelmChart.template(CERT_MANAGER);
    assertTrue(
        chart.exporterContainer().args().contains("--tls-config=" + WEB + "/web-config.yml"),
        "" + chart.exporterContainer().args());
    Secret secret = chart.get(Secret.class, NAME + "-web-config");
    JsonNode config = YamlDocuments.parse(secret.getStringData().get("web-config.yml")).get(0);
    JsonNode server = config.path("tls_server_config");
    assertEquals("TLS13", server.path("min_version").asString());
    assertEquals(TLS + "/tls.crt", server.path("cert_file").asString());
    assertEquals(TLS + "/tls.key", server.path("key_file").asString());
    assertEquals("deny", config.path("http_server_config").path("headers").path("X-Frame-Options")
        .asString());

    Map<String, String> secrets = secretVolumes(chart);
    assertEquals(Map.of("web-config", NAME + "-web-config", "tls", "exporter-tls"), secrets);
    Map<String, String> mounts = new TreeMap<>();
    for (VolumeMount m : container(chart).getVolumeMounts()) {
      if (secrets.containsKey(m.getName())) {
        assertEquals(Boolean.TRUE, m.getReadOnly(), m.getName());
        assertNull(m.getSubPath(), "a subPath mount never sees a rotated Secret: " + m.getName());
        mounts.put(m.getName(), m.getMountPath());
      }
    }
    assertEquals(Map.of("web-config", WEB, "tls", TLS), mounts);
    assertEquals(List.of("tmp", "web-config", "tls"), volumeNames(chart));
    assertProbes(chart, "HTTPS");
  }

  @Test
  void existingSecretIsMountedAndItsKeyIsTheFileThatIsRead() {
    HelmChart chart =
        HelmChart.template(
            "webConfig: {enabled: true, existingSecret: web, key: config.yaml, tls: false}");
    assertTrue(chart.exporterContainer().args().contains("--tls-config=" + WEB + "/config.yaml"));
    assertEquals(Map.of("web-config", "web"), secretVolumes(chart));
    assertEquals(List.of(), chart.names("Secret"), "the Secret is the user's");
    assertProbes(chart, null);
  }

  @Test
  void tlsLeavesTheServiceAndNetworkPolicyAsTheyAre() {
    String policy = "networkPolicy: {enabled: true}\n";
    HelmChart plain = HelmChart.template(policy);
    HelmChart tls = HelmChart.template(policy + CERT_MANAGER + "authFilter: {enabled: true}");
    for (String kind : List.of("Service", "NetworkPolicy")) {
      assertEquals(plain.manifest(kind, NAME), tls.manifest(kind, NAME), kind);
    }
  }

  @Test
  void authFilterGrantsTheReviewRightsOnlyWhenOn() {
    HelmChart chart = HelmChart.template("authFilter: {enabled: true}");
    assertTrue(chart.exporterContainer().args().contains("--auth-filter"));
    assertProbes(chart, null);
    ClusterRole role = chart.get(ClusterRole.class, NAME + "-auth-filter");
    List<String> rules = new ArrayList<>();
    for (PolicyRule r : role.getRules()) {
      rules.add(r.getApiGroups() + " " + r.getResources() + " " + r.getVerbs());
    }
    assertEquals(
        List.of(
            "[authentication.k8s.io] [tokenreviews] [create]",
            "[authorization.k8s.io] [subjectaccessreviews] [create]"),
        rules);
    ClusterRoleBinding binding = chart.get(ClusterRoleBinding.class, NAME + "-auth-filter");
    assertEquals(NAME + "-auth-filter", binding.getRoleRef().getName());
    Subject subject = binding.getSubjects().get(0);
    assertEquals(
        chart.statefulSet().getSpec().getTemplate().getSpec().getServiceAccountName(),
        subject.getName());
    assertEquals(NAME, subject.getNamespace());
    assertFalse(
        chart.manifest("ClusterRole", NAME).toString().contains("tokenreviews"),
        "the exporter's own ClusterRole is unchanged");
    assertEquals(List.of(), chart.names("Secret"));
  }

  @Test
  void scraperRoleGrantsGetOfMetricsToTheNamedServiceAccounts() {
    HelmChart chart =
        HelmChart.template(
            """
            authFilter:
              enabled: true
              scraperRole:
                serviceAccounts: [{name: prometheus-k8s, namespace: monitoring}]
            """);
    ClusterRole role = chart.get(ClusterRole.class, NAME + "-scraper");
    assertEquals(1, role.getRules().size());
    assertEquals(List.of("/metrics"), role.getRules().get(0).getNonResourceURLs());
    assertEquals(List.of("get"), role.getRules().get(0).getVerbs());
    ClusterRoleBinding binding = chart.get(ClusterRoleBinding.class, NAME + "-scraper");
    assertEquals(NAME + "-scraper", binding.getRoleRef().getName());
    assertEquals("ClusterRole", binding.getRoleRef().getKind());
    Subject subject = binding.getSubjects().get(0);
    assertEquals(
        List.of("ServiceAccount", "prometheus-k8s", "monitoring"),
        List.of(subject.getKind(), subject.getName(), subject.getNamespace()));

    HelmChart roleOnly =
        HelmChart.template("authFilter: {enabled: true, scraperRole: {create: true}}");
    assertEquals(
        Set.of(NAME, NAME + "-auth-filter", NAME + "-scraper"),
        Set.copyOf(roleOnly.names("ClusterRole")));
    assertEquals(
        Set.of(NAME, NAME + "-auth-filter"), Set.copyOf(roleOnly.names("ClusterRoleBinding")),
        "no binding without serviceAccounts");
  }

  @Test
  void serviceMonitorScrapesOverHttpsWithTheCaAndPrometheusOwnToken() {
    HelmChart chart =
        HelmChart.template(
            CERT_MANAGER + "authFilter: {enabled: true}\nprometheus: {monitor: {enabled: true}}");
    List<JsonNode> endpoints = endpoints(chart);
    assertEquals(2, endpoints.size(), "metrics and telemetry: both served over TLS");
    for (JsonNode e : endpoints) {
      assertEquals("https", e.path("scheme").asString(), "" + e);
      JsonNode tls = e.path("tlsConfig");
      assertEquals("exporter-tls", tls.path("ca").path("secret").path("name").asString());
      assertEquals("ca.crt", tls.path("ca").path("secret").path("key").asString());
      assertEquals(NAME + "." + NAME + ".svc", tls.path("serverName").asString());
      assertEquals(
          "/var/run/secrets/kubernetes.io/serviceaccount/token",
          e.path("bearerTokenFile").asString());
    }
  }

  @Test
  void serviceMonitorTakesTheOperatorsTlsConfigTokenSecretAndBasicAuthFromValues() {
    HelmChart chart =
        HelmChart.template(
            """
            webConfig:
              enabled: true
              tlsSecret: exporter-tls
              config:
                basic_auth_users: {prometheus: "%s"}
            livenessProbe:
              httpGet: {httpHeaders: [{name: Authorization, value: Basic cHJvYmU6cHJvYmU=}]}
            readinessProbe:
              httpGet: {httpHeaders: [{name: Authorization, value: Basic cHJvYmU6cHJvYmU=}]}
            selfMonitor: {enabled: false}
            prometheus:
              monitor:
                enabled: true
                http:
                  tlsConfig:
                    ca: {configMap: {name: exporter-ca, key: ca.crt}}
                    serverName: exporter.example.org
                  basicAuth:
                    username: {name: scrape-auth, key: username}
                    password: {name: scrape-auth, key: password}
            """
                .formatted(HASH));
    JsonNode e = endpoints(chart).get(0);
    assertEquals("https", e.path("scheme").asString());
    assertEquals("exporter-ca", e.path("tlsConfig").path("ca").path("configMap").path("name")
        .asString());
    assertEquals("exporter.example.org", e.path("tlsConfig").path("serverName").asString());
    assertEquals("scrape-auth", e.path("basicAuth").path("password").path("name").asString());
    assertTrue(e.path("bearerTokenFile").isMissingNode(), "no auth filter, no token");
    for (HTTPGetAction get : probes(chart)) {
      assertEquals("HTTPS", get.getScheme());
      HTTPHeader header = get.getHttpHeaders().get(0);
      assertEquals("Authorization", header.getName());
    }

    HelmChart secretToken =
        HelmChart.template(
            """
            authFilter: {enabled: true}
            selfMonitor: {enabled: false}
            prometheus:
              monitor:
                enabled: true
                http:
                  bearerTokenSecret: {name: scraper-token, key: token}
            """);
    JsonNode plain = endpoints(secretToken).get(0);
    assertEquals("scraper-token", plain.path("bearerTokenSecret").path("name").asString());
    assertTrue(plain.path("bearerTokenFile").isMissingNode(), "" + plain);
    assertTrue(plain.path("scheme").isMissingNode(), "no TLS, plain HTTP: " + plain);
  }

  @Test
  void notesShowHowToScrapeAsTheValuesAsk() {
    String plain = HelmChart.notes("");
    assertTrue(plain.contains("  curl -s localhost:8080/metrics"), plain);
    String secured = HelmChart.notes(CERT_MANAGER + "authFilter: {enabled: true}");
    assertTrue(
        secured.contains(
            "  curl -sk -H \"Authorization: Bearer $TOKEN\" https://localhost:8080/metrics"),
        secured);
    assertTrue(secured.contains("TOKEN=$(kubectl"), secured);
  }

  /** The README's chart examples for TLS and auth render, each serving TLS. */
  @Test
  void readmeExamplesRender() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int from = readme.indexOf("**TLS and auth**");
    String part = readme.substring(from, readme.indexOf("The chart's `files/", from));
    Matcher block = Pattern.compile("(?s)```yaml\n(.*?)```").matcher(part);
    int examples = 0;
    while (block.find()) {
      HelmChart chart = HelmChart.template(block.group(1));
      List<String> args = chart.exporterContainer().args();
      assertTrue(args.contains("--tls-config=" + WEB + "/web-config.yml"), "" + args);
      assertProbes(chart, "HTTPS");
      examples++;
    }
    assertEquals(2, examples, "the README's two chart examples");
  }

  static Stream<Arguments> badValues() {
    String basicAuth = "webConfig: {enabled: true, tls: false, config: {basic_auth_users: "
        + "{prometheus: \"" + HASH + "\"}}}\n";
    return Stream.of(
        Arguments.of("webConfig: {enabled: true}", "webConfig.enabled needs webConfig.config"),
        Arguments.of(
            "webConfig: {enabled: true, existingSecret: web, config: {rate_limit: {burst: 1}}}",
            "webConfig.config and webConfig.existingSecret exclude each other"),
        Arguments.of(
            "webConfig: {enabled: true, config: {rate_limit: {interval: 1s, burst: 5}}}",
            "webConfig.tls is true but webConfig.config has no tls_server_config"),
        Arguments.of(
            "webConfig: {enabled: true, tls: false, tlsSecret: exporter-tls, existingSecret: w}",
            "webConfig.tls is false but the web config has a certificate"),
        Arguments.of("webConfig: {config: {tls_config: {}}}", "tls_config"),
        Arguments.of(
            "webConfig: {config: {tls_server_config: {client_auth_type: RequireClientCert}}}",
            "webConfig.config.tls_server_config.client_auth_type"),
        Arguments.of(
            "webConfig: {config: {basic_auth_users: {prometheus: s3cret}}}",
            "webConfig.config.basic_auth_users.prometheus"),
        Arguments.of("webConfig: {key: a/b}", "webConfig.key"),
        Arguments.of(
            "webConfig: {config: {tls_server_config: {cert_file: tls.crt, key_file: tls.key}}}",
            "webConfig.config.tls_server_config.cert_file"),
        Arguments.of(basicAuth, "basic_auth_users also guards the probes"),
        Arguments.of(
            basicAuth + "authFilter: {enabled: true}",
            "webConfig.config.basic_auth_users and authFilter.enabled exclude each other"),
        Arguments.of("authFilter: true", "authFilter"),
        Arguments.of(
            "authFilter: {scraperRole: {create: true}}",
            "authFilter.scraperRole needs authFilter.enabled"),
        Arguments.of(
            "authFilter: {enabled: true, scraperRole: {create: true}}\nrbac: {create: false}",
            "authFilter.scraperRole needs rbac.create"),
        Arguments.of(
            "authFilter: {scraperRole: {serviceAccounts: [{name: prometheus}]}}", "namespace"),
        Arguments.of(
            "webConfig: {enabled: true, existingSecret: web}\n"
                + "prometheus: {monitor: {enabled: true}}",
            "prometheus.monitor.http.tlsConfig is needed"),
        Arguments.of(
            "prometheus: {monitor: {http: {tlsConfig: {verify: false}}}}",
            "prometheus.monitor.http.tlsConfig"),
        Arguments.of("livenessProbe: {httpGet: {scheme: ftp}}", "livenessProbe.httpGet.scheme"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badValues")
  void refusesTlsAndAuthValuesItCannotHonourNamingThem(String values, String message) {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> HelmChart.template(values));
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  private static Container container(HelmChart chart) {
    return chart.statefulSet().getSpec().getTemplate().getSpec().getContainers().get(0);
  }

  private static List<HTTPGetAction> probes(HelmChart chart) {
    Container c = container(chart);
    return List.of(c.getLivenessProbe().getHttpGet(), c.getReadinessProbe().getHttpGet());
  }

  private static void assertProbes(HelmChart chart, String scheme) {
    List<String> ports = new ArrayList<>();
    for (HTTPGetAction get : probes(chart)) {
      assertEquals(scheme, get.getScheme(), get.getPath());
      ports.add(get.getPath() + " " + get.getPort().getStrVal());
    }
    assertEquals(List.of("/healthz http-metrics", "/readyz telemetry"), ports);
  }

  private static List<String> volumeNames(HelmChart chart) {
    List<String> out = new ArrayList<>();
    for (Volume v : chart.statefulSet().getSpec().getTemplate().getSpec().getVolumes()) {
      out.add(v.getName());
    }
    return out;
  }

  /** Volume name to Secret name, for the Secret volumes. */
  private static Map<String, String> secretVolumes(HelmChart chart) {
    Map<String, String> out = new TreeMap<>();
    for (Volume v : chart.statefulSet().getSpec().getTemplate().getSpec().getVolumes()) {
      if (v.getSecret() != null) {
        out.put(v.getName(), v.getSecret().getSecretName());
      }
    }
    return out;
  }

  private static List<JsonNode> endpoints(HelmChart chart) {
    List<JsonNode> out = new ArrayList<>();
    if (!chart.names("ServiceMonitor").isEmpty()) {
      chart.manifest("ServiceMonitor", NAME).path("spec").path("endpoints").forEach(out::add);
    }
    return out;
  }
}
