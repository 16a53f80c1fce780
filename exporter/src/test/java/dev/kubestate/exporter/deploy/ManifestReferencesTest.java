package dev.kubestate.exporter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every selector and name reference between the rendered objects (base with both components) lands:
 * the Service, the PodDisruptionBudget, the NetworkPolicy and the StatefulSet's own selector select
 * its pods; the ServiceMonitor selects the Service and names its ports, filing both under
 * job="kube-state-metrics"; the bindings bind the ServiceAccount the pods run as to the roles that
 * exist.
 */
class ManifestReferencesTest {

  private static final String JOB = "kube-state-metrics";

  private static RenderedManifests manifests;
  private static Map<String, String> podLabels;
  private static String namespace;

  @BeforeAll
  static void render() throws Exception {
    manifests = RenderedManifests.of(RenderedManifests.MONITORING_NETWORK_POLICY);
    StatefulSet set = manifests.statefulSet();
    podLabels = set.getSpec().getTemplate().getMetadata().getLabels();
    namespace = set.getMetadata().getNamespace();
  }

  @Test
  void everyObjectIsLabelledAndNamespacedObjectsShareOneNamespace() {
    for (HasMetadata o : manifests.objects()) {
      String id = o.getKind() + " " + o.getMetadata().getName();
      assertEquals(
          RenderedManifests.NAME, o.getMetadata().getLabels().get("app.kubernetes.io/name"), id);
      if (o instanceof Namespaced) {
        assertEquals(namespace, o.getMetadata().getNamespace(), id);
      }
    }
    assertEquals("kube-state-exporter", namespace);
  }

  @Test
  void statefulSetSelectsItsOwnPodsBehindItsService() {
    StatefulSet set = manifests.statefulSet();
    assertTrue(LabelSelectors.matches(set.getSpec().getSelector(), podLabels));
    Service service = manifests.get(Service.class, set.getSpec().getServiceName());
    assertEquals("None", service.getSpec().getClusterIP(), "headless: every shard scraped");
  }

  @Test
  void serviceSelectsThePodsAndTargetsTheirNamedPorts() {
    Service service = manifests.get(Service.class, RenderedManifests.NAME);
    assertTrue(LabelSelectors.matches(service.getSpec().getSelector(), podLabels));
    Map<String, Integer> containerPorts = manifests.exporterContainer().ports();
    for (ServicePort port : service.getSpec().getPorts()) {
      String target = port.getTargetPort().getStrVal();
      assertEquals(port.getName(), target, "Service port named as the container port");
      assertEquals(containerPorts.get(target), port.getPort(), port.getName());
    }
  }

  @Test
  void disruptionBudgetSelectsThePods() {
    PodDisruptionBudget pdb = manifests.get(PodDisruptionBudget.class, RenderedManifests.NAME);
    assertTrue(LabelSelectors.matches(pdb.getSpec().getSelector(), podLabels));
  }

  @Test
  void serviceMonitorScrapesBothServicePortsUnderTheKsmJob() {
    Service service = manifests.get(Service.class, RenderedManifests.NAME);
    JsonNode monitor =
        manifests.custom("ServiceMonitor", RenderedManifests.NAME).getAdditionalPropertiesNode();
    JsonNode spec = monitor.path("spec");
    assertTrue(spec.path("namespaceSelector").isMissingNode(), "selects in its own namespace");
    assertTrue(
        LabelSelectors.matches(
            strings(spec.path("selector").path("matchLabels")), service.getMetadata().getLabels()));
    assertTrue(spec.path("selector").path("matchExpressions").isMissingNode());
    Set<String> servicePorts = new TreeSet<>();
    service.getSpec().getPorts().forEach(p -> servicePorts.add(p.getName()));
    Set<String> scraped = new TreeSet<>();
    for (JsonNode endpoint : spec.path("endpoints")) {
      String port = endpoint.path("port").asString();
      scraped.add(port);
      assertEquals(List.of(JOB), jobReplacements(endpoint.path("relabelings")), port);
      // Object metrics keep their own labels, as kube-prometheus scrapes KSM.
      assertEquals(
          "http-metrics".equals(port), endpoint.path("honorLabels").asBoolean(false), port);
    }
    assertEquals(servicePorts, scraped);
  }

  @Test
  void networkPolicyAdmitsScrapesOfBothPorts() {
    NetworkPolicy policy = manifests.get(NetworkPolicy.class, RenderedManifests.NAME);
    assertTrue(LabelSelectors.matches(policy.getSpec().getPodSelector(), podLabels));
    assertEquals(List.of("Ingress", "Egress"), policy.getSpec().getPolicyTypes());
    Set<Integer> admitted = new TreeSet<>();
    for (NetworkPolicyPort port : policy.getSpec().getIngress().get(0).getPorts()) {
      admitted.add(port.getPort().getIntVal());
    }
    assertEquals(new TreeSet<>(manifests.exporterContainer().ports().values()), admitted);
  }

  @Test
  void bindingsGrantTheRolesToThePodsServiceAccount() {
    StatefulSet set = manifests.statefulSet();
    ServiceAccount account =
        manifests.get(
            ServiceAccount.class, set.getSpec().getTemplate().getSpec().getServiceAccountName());
    Map<String, String> expected = new HashMap<>();
    expected.put("kind", "ServiceAccount");
    expected.put("name", account.getMetadata().getName());
    expected.put("namespace", account.getMetadata().getNamespace());
    for (ClusterRoleBinding b : manifests.all(ClusterRoleBinding.class)) {
      manifests.get(ClusterRole.class, b.getRoleRef().getName());
      assertEquals(List.of(expected), subjects(b.getSubjects()), b.getMetadata().getName());
    }
    for (RoleBinding b : manifests.all(RoleBinding.class)) {
      manifests.get(Role.class, b.getRoleRef().getName());
      assertEquals(List.of(expected), subjects(b.getSubjects()), b.getMetadata().getName());
    }
    assertEquals(1, manifests.all(ClusterRoleBinding.class).size());
    assertEquals(1, manifests.all(RoleBinding.class).size());
  }

  /** The replacements of relabelings that set the job label. */
  static List<String> jobReplacements(JsonNode relabelings) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : relabelings) {
      if ("job".equals(r.path("targetLabel").asString())
          && "replace".equalsIgnoreCase(r.path("action").asString("replace"))
          && r.path("sourceLabels").isMissingNode()) {
        out.add(r.path("replacement").asString());
      }
    }
    return out;
  }

  private static List<Map<String, String>> subjects(List<Subject> subjects) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Subject s : subjects) {
      out.add(Map.of("kind", s.getKind(), "name", s.getName(), "namespace", s.getNamespace()));
    }
    return out;
  }

  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, JsonNode> e : object.properties()) {
      out.put(e.getKey(), e.getValue().asString());
    }
    return out;
  }
}
