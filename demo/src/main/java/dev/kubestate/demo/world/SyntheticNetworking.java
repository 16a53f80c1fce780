package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a synthetic cluster's network layer holds besides its services: each service's Endpoints and
 * EndpointSlice ({@link ServiceEndpoints}), ingress classes and Ingresses ({@link
 * SyntheticIngresses}), and NetworkPolicies: in every team namespace a default deny of ingress and
 * an allowance for traffic within the namespace, where a team has nginx Ingresses an allowance from
 * ingress-nginx, where it runs services an allowance for Prometheus to scrape them; in {@code
 * monitoring} one policy per service, as kube-prometheus ships them. Immutable.
 *
 * @param endpoints one per service, in service order
 * @param endpointSlices one per service, in service order
 * @param ingressClasses the ingress classes
 * @param ingresses the Ingresses
 * @param networkPolicies the NetworkPolicies
 */
public record SyntheticNetworking(
    List<Endpoints> endpoints,
    List<EndpointSlice> endpointSlices,
    List<IngressClass> ingressClasses,
    List<Ingress> ingresses,
    List<NetworkPolicy> networkPolicies) {

  public SyntheticNetworking {
    endpoints = List.copyOf(endpoints);
    endpointSlices = List.copyOf(endpointSlices);
    ingressClasses = List.copyOf(ingressClasses);
    ingresses = List.copyOf(ingresses);
    networkPolicies = List.copyOf(networkPolicies);
  }

  /** The network objects of the cluster of {@code namespaces}, {@code services} and so on. */
  static SyntheticNetworking generate(
      ClusterRandom random,
      List<Namespace> namespaces,
      List<Node> nodes,
      List<Service> services,
      List<Pod> pods) {
    Map<String, Node> nodesByName = new HashMap<>();
    nodes.forEach(n -> nodesByName.put(n.getMetadata().getName(), n));
    Map<String, List<Pod>> podsByNamespace = new HashMap<>();
    for (Pod p : pods) {
      if (ServiceEndpoints.isEndpoint(p)) {
        podsByNamespace
            .computeIfAbsent(p.getMetadata().getNamespace(), n -> new ArrayList<>())
            .add(p);
      }
    }
    // The API server's addresses: two network interfaces in the VPC, not nodes of the cluster.
    List<String> apiServer =
        List.of("10.0.200." + random.between(10, 250), "10.0.201." + random.between(10, 250));
    List<Endpoints> endpoints = new ArrayList<>();
    List<EndpointSlice> slices = new ArrayList<>();
    for (Service s : services) {
      if (s.getSpec().getSelector() == null || s.getSpec().getSelector().isEmpty()) {
        if (s.getMetadata().getName().equals("kubernetes")) {
          endpoints.add(ServiceEndpoints.apiServer(random, s, apiServer));
          slices.add(ServiceEndpoints.apiServerSlice(random, s, apiServer));
        }
        continue;
      }
      List<Pod> own = new ArrayList<>();
      for (Pod p : podsByNamespace.getOrDefault(s.getMetadata().getNamespace(), List.of())) {
        if (ServiceEndpoints.selects(s, p)) {
          own.add(p);
        }
      }
      endpoints.add(ServiceEndpoints.endpoints(random, s, own));
      slices.add(ServiceEndpoints.slice(random, s, own, nodesByName));
    }
    String clusterBirth = namespaces.get(0).getMetadata().getCreationTimestamp();
    List<Ingress> ingresses =
        SyntheticIngresses.ingresses(random, services, nginxHostname(services));
    return new SyntheticNetworking(
        endpoints,
        slices,
        SyntheticIngresses.classes(random, clusterBirth),
        ingresses,
        policies(random, namespaces, services, ingresses));
  }

  /** The hostname of ingress-nginx's load balancer, or null. */
  private static String nginxHostname(List<Service> services) {
    for (Service s : services) {
      if (s.getMetadata().getNamespace().equals("ingress-nginx")
          && s.getStatus() != null
          && s.getStatus().getLoadBalancer() != null
          && s.getStatus().getLoadBalancer().getIngress() != null
          && !s.getStatus().getLoadBalancer().getIngress().isEmpty()) {
        return s.getStatus().getLoadBalancer().getIngress().get(0).getHostname();
      }
    }
    return null;
  }

  private static List<NetworkPolicy> policies(
      ClusterRandom random,
      List<Namespace> namespaces,
      List<Service> services,
      List<Ingress> ingresses) {
    Set<String> behindNginx = new LinkedHashSet<>();
    for (Ingress i : ingresses) {
      if (!SyntheticIngresses.ALB.equals(i.getSpec().getIngressClassName())) {
        behindNginx.add(i.getMetadata().getNamespace());
      }
    }
    Set<String> serving = new LinkedHashSet<>();
    services.forEach(s -> serving.add(s.getMetadata().getNamespace()));
    List<NetworkPolicy> out = new ArrayList<>();
    for (Namespace n : namespaces) {
      String ns = n.getMetadata().getName();
      if (ns.startsWith("team-")) {
        addTeamPolicies(random, n, behindNginx.contains(ns), serving.contains(ns), out);
      }
    }
    for (Service s : services) {
      if (s.getMetadata().getNamespace().equals("monitoring")
          && s.getSpec().getSelector() != null) {
        long age =
            ClusterRandom.secondsBefore(Instant.parse(s.getMetadata().getCreationTimestamp()));
        out.add(
            policy(
                random,
                "monitoring",
                s.getMetadata().getName(),
                s.getSpec().getSelector(),
                List.of(namespace("monitoring")),
                s.getSpec().getPorts().get(0).getTargetPort().getIntVal(),
                age));
      }
    }
    return out;
  }

  /**
   * A team namespace's policies: deny by default, allow the namespace itself, and allow
   * ingress-nginx when an Ingress routes there and Prometheus when it serves.
   */
  private static void addTeamPolicies(
      ClusterRandom random,
      Namespace n,
      boolean behindNginx,
      boolean serving,
      List<NetworkPolicy> out) {
    String ns = n.getMetadata().getName();
    long age =
        ClusterRandom.secondsBefore(Instant.parse(n.getMetadata().getCreationTimestamp()))
            - random.between(5, 60);
    out.add(policy(random, ns, "default-deny-ingress", Map.of(), List.of(), 0, age));
    out.add(
        policy(random, ns, "allow-same-namespace", Map.of(), List.of(pods(Map.of())), 0, age));
    if (behindNginx) {
      out.add(
          policy(
              random,
              ns,
              "allow-from-ingress-nginx",
              Map.of(),
              List.of(namespace("ingress-nginx")),
              8080,
              age));
    }
    if (serving) {
      out.add(
          policy(
              random,
              ns,
              "allow-prometheus-scrape",
              Map.of(),
              List.of(namespace("monitoring")),
              8080,
              age));
    }
  }

  /**
   * A policy over the pods matching {@code podSelector} (empty: all) that admits ingress from
   * {@code from} (empty: none, a deny) on {@code port} (0: every port).
   */
  private static NetworkPolicy policy(
      ClusterRandom random,
      String namespace,
      String name,
      Map<String, String> podSelector,
      List<NetworkPolicyPeer> from,
      int port,
      long ageSeconds) {
    NetworkPolicyBuilder p =
        new NetworkPolicyBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withUid(random.uid())
            .withCreationTimestamp(ClusterRandom.before(ageSeconds))
            .withGeneration(1L)
            .endMetadata()
            .withNewSpec()
            .withNewPodSelector()
            .withMatchLabels(podSelector)
            .endPodSelector()
            .withPolicyTypes("Ingress")
            .endSpec();
    if (!from.isEmpty()) {
      p.editSpec().addNewIngress().withFrom(from).endIngress().endSpec();
      if (port > 0) {
        p.editSpec()
            .editFirstIngress()
            .addNewPort()
            .withProtocol("TCP")
            .withPort(new IntOrString(port))
            .endPort()
            .endIngress()
            .endSpec();
      }
    }
    return p.build();
  }

  private static NetworkPolicyPeer namespace(String name) {
    return new NetworkPolicyPeerBuilder()
        .withNewNamespaceSelector()
        .addToMatchLabels("kubernetes.io/metadata.name", name)
        .endNamespaceSelector()
        .build();
  }

  private static NetworkPolicyPeer pods(Map<String, String> labels) {
    return new NetworkPolicyPeerBuilder()
        .withNewPodSelector()
        .withMatchLabels(labels)
        .endPodSelector()
        .build();
  }
}
