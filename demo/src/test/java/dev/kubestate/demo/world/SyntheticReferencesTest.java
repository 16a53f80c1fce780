package dev.kubestate.demo.world;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every reference between objects of a synthetic cluster resolves within it, at the sizes the demo,
 * the tests and the benchmarks use and in clusters without nodes or pods: endpoints and slices
 * point at the pods their service selects, bindings at existing roles and accounts, claims and
 * volumes at existing storage classes, pods at existing service accounts, attachments at bound
 * volumes on existing nodes, Ingresses at services and TLS Secrets, webhooks at services.
 */
class SyntheticReferencesTest {

  static Stream<SyntheticCluster> clusters() {
    return Stream.of(
        SyntheticClusterTest.BIG,
        SyntheticCluster.generate(7, 10, 300),
        SyntheticCluster.generate(1, 3, 17),
        SyntheticCluster.generate(1, 0, 0),
        SyntheticCluster.generate(4, 0, 200));
  }

  @ParameterizedTest
  @MethodSource("clusters")
  void endpointsAndSlicesListExactlyTheLivePodsTheirServiceSelects(SyntheticCluster cluster) {
    Map<String, Pod> pods = byKey(cluster.pods());
    Map<String, Service> services = byKey(cluster.services());
    assertEquals(services.keySet(), byKey(cluster.networking().endpoints()).keySet());
    for (Endpoints e : cluster.networking().endpoints()) {
      Service s = services.get(key(e));
      Set<String> listed = new HashSet<>();
      for (EndpointSubset subset : e.getSubsets()) {
        List<EndpointAddress> all = new ArrayList<>(subset.getAddresses());
        all.addAll(subset.getNotReadyAddresses());
        for (EndpointAddress a : all) {
          if (a.getTargetRef() == null) {
            assertEquals("kubernetes", e.getMetadata().getName());
            continue;
          }
          Pod p = target(pods, a.getTargetRef());
          assertTrue(ServiceEndpoints.selects(s, p), key(p));
          assertEquals(p.getStatus().getPodIP(), a.getIp());
          assertEquals(subset.getAddresses().contains(a), SyntheticWorkloads.isReady(p), key(p));
          listed.add(key(p));
        }
      }
      assertEquals(expectedEndpoints(cluster, s), listed, key(e));
    }
    for (EndpointSlice slice : cluster.networking().endpointSlices()) {
      String service = slice.getMetadata().getLabels().get("kubernetes.io/service-name");
      Service s = services.get(slice.getMetadata().getNamespace() + "/" + service);
      assertNotNull(s, key(slice));
      assertEquals(
          s.getMetadata().getUid(), slice.getMetadata().getOwnerReferences().get(0).getUid());
      Set<String> listed = new HashSet<>();
      for (Endpoint e : slice.getEndpoints()) {
        assertNotNull(e.getConditions().getReady());
        assertNotNull(e.getConditions().getServing());
        assertNotNull(e.getConditions().getTerminating());
        if (e.getTargetRef() != null) {
          Pod p = target(pods, e.getTargetRef());
          assertEquals(SyntheticWorkloads.isReady(p), e.getConditions().getReady(), key(p));
          assertEquals(p.getSpec().getNodeName(), e.getNodeName());
          listed.add(key(p));
        }
      }
      if (!service.equals("kubernetes")) {
        assertEquals(expectedEndpoints(cluster, s), listed, key(slice));
      }
    }
  }

  private static Set<String> expectedEndpoints(SyntheticCluster cluster, Service s) {
    Set<String> out = new HashSet<>();
    for (Pod p : cluster.pods()) {
      if (ServiceEndpoints.selects(s, p) && ServiceEndpoints.isEndpoint(p)) {
        out.add(key(p));
      }
    }
    return out;
  }

  @ParameterizedTest
  @MethodSource("clusters")
  void bindingsNameExistingRolesAndServiceAccounts(SyntheticCluster cluster) {
    Set<String> clusterRoles = names(cluster.rbac().clusterRoles());
    Set<String> roles = byKey(cluster.rbac().roles()).keySet();
    Set<String> accounts = byKey(cluster.config().serviceAccounts()).keySet();
    BiConsumer<RoleRef, String> resolves =
        (ref, namespace) ->
            assertTrue(
                ref.getKind().equals("ClusterRole")
                    ? clusterRoles.contains(ref.getName())
                    : roles.contains(namespace + "/" + ref.getName()),
                ref.getKind() + " " + ref.getName());
    List<Subject> subjects = new ArrayList<>();
    cluster
        .rbac()
        .clusterRoleBindings()
        .forEach(
            b -> {
              resolves.accept(b.getRoleRef(), null);
              subjects.addAll(b.getSubjects());
            });
    cluster
        .rbac()
        .roleBindings()
        .forEach(
            b -> {
              resolves.accept(b.getRoleRef(), b.getMetadata().getNamespace());
              subjects.addAll(b.getSubjects());
            });
    for (Subject s : subjects) {
      if (s.getKind().equals("ServiceAccount")) {
        assertTrue(accounts.contains(s.getNamespace() + "/" + s.getName()), s.getName());
      }
    }
    Set<String> policies = names(cluster.admission().validatingAdmissionPolicies());
    cluster
        .admission()
        .validatingAdmissionPolicyBindings()
        .forEach(b -> assertTrue(policies.contains(b.getSpec().getPolicyName())));
    Set<String> mutating = names(cluster.admission().mutatingAdmissionPolicies());
    cluster
        .admission()
        .mutatingAdmissionPolicyBindings()
        .forEach(b -> assertTrue(mutating.contains(b.getSpec().getPolicyName())));
  }

  @ParameterizedTest
  @MethodSource("clusters")
  void podsRunAsExistingServiceAccountsAndTokensBelongToTheirs(SyntheticCluster cluster) {
    Map<String, ServiceAccount> accounts = byKey(cluster.config().serviceAccounts());
    for (Pod p : cluster.pods()) {
      assertTrue(
          accounts.containsKey(
              p.getMetadata().getNamespace() + "/" + p.getSpec().getServiceAccountName()),
          key(p));
    }
    Map<String, Secret> secrets = byKey(cluster.config().secrets());
    for (ServiceAccount sa : cluster.config().serviceAccounts()) {
      for (ObjectReference ref : sa.getSecrets()) {
        Secret token = secrets.get(sa.getMetadata().getNamespace() + "/" + ref.getName());
        assertNotNull(token, ref.getName());
        assertEquals(
            sa.getMetadata().getUid(),
            token.getMetadata().getAnnotations().get("kubernetes.io/service-account.uid"));
      }
      sa.getImagePullSecrets()
          .forEach(
              r ->
                  assertTrue(
                      secrets.containsKey(sa.getMetadata().getNamespace() + "/" + r.getName())));
    }
    for (Secret s : cluster.config().secrets()) {
      assertFalse(s.getData().isEmpty(), key(s));
      s.getData().values().forEach(v -> Base64.getDecoder().decode(v));
    }
  }

  @ParameterizedTest
  @MethodSource("clusters")
  void storageReferencesExistingClassesBoundVolumesAndNodes(SyntheticCluster cluster) {
    Set<String> classes = names(cluster.storageClasses());
    for (PersistentVolumeClaim c : cluster.persistentVolumeClaims()) {
      assertTrue(classes.contains(c.getSpec().getStorageClassName()), key(c));
    }
    for (PersistentVolume v : cluster.persistentVolumes()) {
      String name = v.getSpec().getStorageClassName();
      assertTrue(name == null || classes.contains(name), v.getMetadata().getName());
    }
    assertEquals(
        1,
        cluster.storageClasses().stream()
            .filter(
                c ->
                    "true"
                        .equals(
                            c.getMetadata()
                                .getAnnotations()
                                .get("storageclass.kubernetes.io/is-default-class")))
            .count());
    Map<String, PersistentVolume> volumes = new HashMap<>();
    cluster.persistentVolumes().forEach(v -> volumes.put(v.getMetadata().getName(), v));
    Set<String> nodes = names(cluster.nodes());
    Set<String> attachments = new HashSet<>();
    for (VolumeAttachment a : cluster.volumeAttachments()) {
      PersistentVolume v = volumes.get(a.getSpec().getSource().getPersistentVolumeName());
      assertNotNull(v, a.getMetadata().getName());
      assertEquals("Bound", v.getStatus().getPhase());
      assertEquals(v.getSpec().getCsi().getDriver(), a.getSpec().getAttacher());
      assertTrue(nodes.contains(a.getSpec().getNodeName()));
      assertTrue(attachments.add(a.getMetadata().getName()), "one attachment per volume");
    }
    Set<String> leaseHolders = new HashSet<>();
    for (Lease l : cluster.controlPlane().leases()) {
      if (l.getMetadata().getNamespace().equals(SyntheticControlPlane.NODE_LEASES)) {
        assertTrue(nodes.contains(l.getSpec().getHolderIdentity()));
        leaseHolders.add(l.getSpec().getHolderIdentity());
      }
    }
    assertEquals(nodes, leaseHolders, "one heartbeat lease per node");
  }

  @ParameterizedTest
  @MethodSource("clusters")
  void ingressesAndWebhooksCallExistingServices(SyntheticCluster cluster) {
    Map<String, Service> services = byKey(cluster.services());
    Set<String> secrets = byKey(cluster.config().secrets()).keySet();
    Set<String> classes = names(cluster.networking().ingressClasses());
    assertFalse(cluster.networking().ingresses().isEmpty());
    for (Ingress i : cluster.networking().ingresses()) {
      String ns = i.getMetadata().getNamespace();
      String className = i.getSpec().getIngressClassName();
      assertTrue(className == null || classes.contains(className), key(i));
      for (IngressRule r : i.getSpec().getRules()) {
        for (HTTPIngressPath p : r.getHttp().getPaths()) {
          Service s = services.get(ns + "/" + p.getBackend().getService().getName());
          assertNotNull(s, key(i));
          assertEquals(
              s.getSpec().getPorts().get(0).getPort(),
              p.getBackend().getService().getPort().getNumber());
        }
      }
      for (IngressTLS t : i.getSpec().getTls()) {
        assertTrue(secrets.contains(ns + "/" + t.getSecretName()), t.getSecretName());
      }
    }
    List<ServiceReference> called = new ArrayList<>();
    for (MutatingWebhookConfiguration c : cluster.admission().mutatingWebhookConfigurations()) {
      for (MutatingWebhook w : c.getWebhooks()) {
        if (w.getClientConfig().getService() != null) {
          called.add(w.getClientConfig().getService());
        }
      }
    }
    for (ValidatingWebhookConfiguration c : cluster.admission().validatingWebhookConfigurations()) {
      for (ValidatingWebhook w : c.getWebhooks()) {
        called.add(w.getClientConfig().getService());
      }
    }
    assertFalse(called.isEmpty());
    for (ServiceReference r : called) {
      Service s = services.get(r.getNamespace() + "/" + r.getName());
      assertNotNull(s, r.getName());
      assertEquals(s.getSpec().getPorts().get(0).getPort(), r.getPort());
    }
  }

  private static Pod target(Map<String, Pod> pods, ObjectReference ref) {
    Pod p = pods.get(ref.getNamespace() + "/" + ref.getName());
    assertNotNull(p, ref.getName());
    assertEquals(p.getMetadata().getUid(), ref.getUid());
    return p;
  }

  private static String key(HasMetadata o) {
    return o.getMetadata().getNamespace() + "/" + o.getMetadata().getName();
  }

  private static <T extends HasMetadata> Map<String, T> byKey(List<T> objects) {
    Map<String, T> out = new HashMap<>();
    for (T o : objects) {
      assertEquals(null, out.put(key(o), o), "duplicate " + o.getKind() + " " + key(o));
    }
    return out;
  }

  private static Set<String> names(List<? extends HasMetadata> objects) {
    Set<String> out = new HashSet<>();
    objects.forEach(o -> out.add(o.getMetadata().getName()));
    return out;
  }
}
