package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The deployments of a synthetic cluster and the services in front of them: the add-ons a managed
 * cluster runs, each with the services its chart creates (webhook services among them), then team
 * deployments until the pod budget is spent, about three in four with a service. The first team
 * deployment of two replicas or more leaves an evicted pod behind, when there are nodes and the
 * budget allows. Stateless.
 */
final class SyntheticDeployments {

  private static final List<String> COMPONENTS =
      List.of(
          "api",
          "worker",
          "web",
          "gateway",
          "consumer",
          "scheduler",
          "grpc",
          "cache-proxy",
          "indexer",
          "admin",
          "events",
          "sync");

  private static final List<Integer> REPLICAS = List.of(1, 1, 2, 2, 2, 3, 3, 3, 4, 5, 6, 8, 10, 12);

  /** Fixed system workloads: namespace, name, replicas. */
  private record SystemApp(String namespace, String name, int replicas) {}

  private static final List<SystemApp> SYSTEM_APPS =
      List.of(
          new SystemApp("kube-system", "coredns", 2),
          new SystemApp("kube-system", "metrics-server", 1),
          new SystemApp("kube-system", "aws-load-balancer-controller", 2),
          new SystemApp("monitoring", "prometheus-operator", 1),
          new SystemApp("monitoring", "grafana", 1),
          new SystemApp("monitoring", "kube-state-metrics", 2),
          new SystemApp("ingress-nginx", "ingress-nginx-controller", 3),
          new SystemApp("cert-manager", "cert-manager", 1),
          new SystemApp("cert-manager", "cert-manager-webhook", 1));

  /** A service of an add-on: where, its name, the app it selects, its type and one port. */
  private record SystemService(
      String namespace,
      String name,
      String app,
      String type,
      String portName,
      int port,
      int targetPort) {}

  private static final List<SystemService> SYSTEM_SERVICES =
      List.of(
          new SystemService("kube-system", "kube-dns", "coredns", "ClusterIP", "dns-tcp", 53, 53),
          new SystemService(
              "kube-system", "metrics-server", "metrics-server", "ClusterIP", "https", 443, 10250),
          new SystemService(
              "kube-system",
              "aws-load-balancer-webhook-service",
              "aws-load-balancer-controller",
              "ClusterIP",
              "webhook-server",
              443,
              9443),
          new SystemService(
              "monitoring",
              "prometheus-operator",
              "prometheus-operator",
              "Headless",
              "https",
              8443,
              8443),
          new SystemService("monitoring", "grafana", "grafana", "ClusterIP", "http", 80, 3000),
          new SystemService(
              "monitoring",
              "kube-state-metrics",
              "kube-state-metrics",
              "Headless",
              "http-metrics",
              8080,
              8080),
          new SystemService(
              "ingress-nginx",
              "ingress-nginx-controller",
              "ingress-nginx-controller",
              "LoadBalancer",
              "http",
              80,
              80),
          new SystemService(
              "ingress-nginx",
              "ingress-nginx-controller-admission",
              "ingress-nginx-controller",
              "ClusterIP",
              "https-webhook",
              443,
              8443),
          new SystemService(
              "cert-manager",
              "cert-manager",
              "cert-manager",
              "ClusterIP",
              "tcp-prometheus",
              9402,
              9402),
          new SystemService(
              "cert-manager",
              "cert-manager-webhook",
              "cert-manager-webhook",
              "ClusterIP",
              "https",
              443,
              10250));

  private SyntheticDeployments() {}

  /** The system deployments, then team deployments until {@code podCount} pods are placed. */
  static List<SyntheticWorkloads> generate(
      ClusterRandom random, List<Node> schedulable, int podCount) {
    List<SyntheticWorkloads> workloads = new ArrayList<>();
    int remaining = podCount;
    for (SystemApp app : SYSTEM_APPS) {
      int replicas = Math.min(app.replicas(), remaining);
      workloads.add(
          SyntheticWorkloads.generate(
              random, app.namespace(), app.name(), replicas, false, schedulable));
      remaining -= replicas;
    }
    Map<String, Integer> used = new HashMap<>();
    boolean evicted = false;
    while (remaining > 0) {
      String team = random.pick(SyntheticNamespaces.TEAMS);
      String base = team + "-" + random.pick(COMPONENTS);
      int n = used.merge(base, 1, Integer::sum);
      int replicas = Math.min(random.pick(REPLICAS), remaining);
      boolean evicts = !evicted && !schedulable.isEmpty() && replicas >= 2 && remaining > replicas;
      evicted |= evicts;
      workloads.add(
          SyntheticWorkloads.generate(
              random,
              "team-" + team,
              n == 1 ? base : base + "-" + n,
              replicas,
              evicts,
              schedulable));
      remaining -= replicas + (evicts ? 1 : 0);
    }
    return workloads;
  }

  /**
   * The API server's service, the add-ons' services, then a service for about three team
   * deployments in four; a mutable list, in that order.
   */
  static List<Service> services(
      ClusterRandom random, String clusterBirth, List<SyntheticWorkloads> workloads) {
    List<Service> services = new ArrayList<>();
    services.add(
        SyntheticServices.service(
            random, "default", "kubernetes", "ClusterIP", null, clusterBirth, "https", 443, 443));
    Map<String, String> created = new HashMap<>();
    for (SyntheticWorkloads w : workloads) {
      Deployment d = w.deployment();
      created.put(
          d.getMetadata().getNamespace() + "/" + d.getMetadata().getName(),
          d.getMetadata().getCreationTimestamp());
    }
    for (SystemService s : SYSTEM_SERVICES) {
      services.add(
          SyntheticServices.service(
              random,
              s.namespace(),
              s.name(),
              s.type(),
              s.app(),
              s.name().equals("kube-dns")
                  ? clusterBirth
                  : created.get(s.namespace() + "/" + s.app()),
              s.portName(),
              s.port(),
              s.targetPort()));
    }
    for (SyntheticWorkloads w : workloads) {
      if (w.deployment().getMetadata().getNamespace().startsWith("team-") && random.chance(0.75)) {
        services.add(SyntheticServices.generate(random, w.deployment()));
      }
    }
    return services;
  }
}
