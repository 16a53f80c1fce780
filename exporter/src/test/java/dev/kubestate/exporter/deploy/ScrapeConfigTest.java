package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.fabric8.kubernetes.api.model.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The plain Prometheus scrape config (deploy/prometheus/scrape-config.yaml) scrapes both ports of
 * the base's Service, in its namespace, under job="kube-state-metrics", as the ServiceMonitor does.
 * promtool accepts it: as it is where promtool has Kubernetes discovery, and everywhere with static
 * targets in place of the discovery (Debian's promtool has no Kubernetes discovery).
 */
class ScrapeConfigTest {

  private static final Path CONFIG =
      RenderedManifests.DEPLOY.resolve("prometheus/scrape-config.yaml");

  private static JsonNode config;
  private static Service service;

  @BeforeAll
  static void read() throws Exception {
    config = YamlDocuments.single(CONFIG);
    service = RenderedManifests.base().get(Service.class, RenderedManifests.NAME);
  }

  @Test
  void scrapesBothServicePortsUnderTheKsmJob() {
    Set<String> ports = new TreeSet<>();
    for (JsonNode job : config.path("scrape_configs")) {
      String name = job.path("job_name").asString();
      JsonNode sd = job.path("kubernetes_sd_configs").get(0);
      assertEquals(
          List.of(service.getMetadata().getNamespace()),
          strings(sd.path("namespaces").path("names")),
          name);
      String port = null;
      List<String> jobs = new ArrayList<>();
      if ("kube-state-metrics".equals(name)) {
        jobs.add(name);
      }
      for (JsonNode r : job.path("relabel_configs")) {
        if ("keep".equals(r.path("action").asString())) {
          String[] keep = r.path("regex").asString().split(";");
          assertEquals(service.getMetadata().getName(), keep[0], name);
          port = keep[1];
        }
        if ("job".equals(r.path("target_label").asString())) {
          jobs.add(r.path("replacement").asString());
        }
      }
      assertEquals(List.of("kube-state-metrics"), jobs, name);
      assertEquals("http-metrics".equals(port), job.path("honor_labels").asBoolean(false), name);
      ports.add(port);
    }
    Set<String> servicePorts = new TreeSet<>();
    service.getSpec().getPorts().forEach(p -> servicePorts.add(p.getName()));
    assertEquals(servicePorts, ports);
  }

  @Test
  void passesPromtoolCheckConfig() throws Exception {
    Promtool promtool = Promtool.required();
    ExternalTool.Run run =
        promtool.run(CONFIG.getParent(), "check", "config", CONFIG.getFileName().toString());
    // Debian builds Prometheus without some service discovery mechanisms, Kubernetes' among them.
    assumeFalse(
        run.output().contains("field kubernetes_sd_configs not found"),
        "this promtool has no Kubernetes service discovery (Debian's build): skipped");
    assertTrue(run.succeeded(), "promtool check config:\n" + run.output());
  }

  @Test
  void passesPromtoolCheckConfigWithStaticTargetsForDiscovery(@TempDir Path dir) throws Exception {
    Promtool promtool = Promtool.required();
    ObjectNode copy = (ObjectNode) config.deepCopy();
    for (JsonNode job : copy.path("scrape_configs")) {
      ((ObjectNode) job).remove("kubernetes_sd_configs");
      ((ObjectNode) job).putArray("static_configs").addObject().putArray("targets").add("a:8080");
    }
    Path file = dir.resolve("scrape-config.yaml");
    YamlDocuments.YAML.writeValue(file.toFile(), copy);
    ExternalTool.Run run = promtool.run(dir, "check", "config", file.getFileName().toString());
    assertTrue(run.succeeded(), "promtool check config:\n" + run.output());
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asString()));
    return out;
  }
}
