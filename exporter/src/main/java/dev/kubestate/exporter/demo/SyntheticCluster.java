package dev.kubestate.exporter.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mid-size cluster made up from a seed: system and team namespaces, nodes, deployments with their
 * replica sets and pods, and services. The same seed and sizes give the same objects, field for
 * field, UIDs and timestamps included. The lists are immutable; the objects are fabric8's mutable
 * models, so callers that change one must copy it first.
 *
 * @param seed the seed the cluster was made from
 * @param namespaces namespaces
 * @param nodes nodes, control-plane nodes first
 * @param deployments deployments
 * @param replicaSets replica sets, each deployment's current one first
 * @param pods pods, exactly the requested count
 * @param services services
 */
public record SyntheticCluster(
    long seed,
    List<Namespace> namespaces,
    List<Node> nodes,
    List<Deployment> deployments,
    List<ReplicaSet> replicaSets,
    List<Pod> pods,
    List<Service> services) {

  private static final List<String> SYSTEM_NAMESPACES =
      List.of(
          "default",
          "kube-system",
          "kube-public",
          "kube-node-lease",
          "monitoring",
          "ingress-nginx",
          "cert-manager");

  private static final List<String> TEAMS =
      List.of(
          "payments",
          "checkout",
          "catalog",
          "search",
          "identity",
          "notifications",
          "orders",
          "shipping",
          "inventory",
          "pricing",
          "reviews",
          "recommendations",
          "analytics",
          "billing",
          "support",
          "marketing",
          "media",
          "messaging",
          "fraud",
          "loyalty");

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

  public SyntheticCluster {
    namespaces = List.copyOf(namespaces);
    nodes = List.copyOf(nodes);
    deployments = List.copyOf(deployments);
    replicaSets = List.copyOf(replicaSets);
    pods = List.copyOf(pods);
    services = List.copyOf(services);
  }

  /**
   * Makes a cluster of exactly {@code nodeCount} nodes and {@code podCount} pods.
   *
   * @throws IllegalArgumentException when a count is negative
   */
  public static SyntheticCluster generate(long seed, int nodeCount, int podCount) {
    if (nodeCount < 0 || podCount < 0) {
      throw new IllegalArgumentException(
          "node and pod counts must be >= 0, got " + nodeCount + " nodes, " + podCount + " pods");
    }
    ClusterRandom random = new ClusterRandom(seed);
    List<Namespace> namespaces = new ArrayList<>();
    for (String ns : SYSTEM_NAMESPACES) {
      namespaces.add(namespace(random, ns, null));
    }
    for (String team : TEAMS) {
      namespaces.add(namespace(random, "team-" + team, team));
    }
    List<Node> nodes = SyntheticNodes.generate(random, nodeCount);
    List<Node> schedulable = nodes.stream().filter(SyntheticCluster::schedulable).toList();
    List<SyntheticWorkloads> workloads = new ArrayList<>();
    int remaining = podCount;
    for (SystemApp app : SYSTEM_APPS) {
      int replicas = Math.min(app.replicas(), remaining);
      workloads.add(
          SyntheticWorkloads.generate(random, app.namespace(), app.name(), replicas, schedulable));
      remaining -= replicas;
    }
    Map<String, Integer> used = new HashMap<>();
    while (remaining > 0) {
      String team = random.pick(TEAMS);
      String base = team + "-" + random.pick(COMPONENTS);
      int n = used.merge(base, 1, Integer::sum);
      int replicas = Math.min(random.pick(REPLICAS), remaining);
      workloads.add(
          SyntheticWorkloads.generate(
              random, "team-" + team, n == 1 ? base : base + "-" + n, replicas, schedulable));
      remaining -= replicas;
    }
    return assemble(seed, random, namespaces, nodes, workloads);
  }

  private static SyntheticCluster assemble(
      long seed,
      ClusterRandom random,
      List<Namespace> namespaces,
      List<Node> nodes,
      List<SyntheticWorkloads> workloads) {
    List<Deployment> deployments = new ArrayList<>();
    List<ReplicaSet> replicaSets = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    String clusterBirth = namespaces.get(0).getMetadata().getCreationTimestamp();
    services.add(
        SyntheticServices.service(
            random, "default", "kubernetes", "ClusterIP", null, clusterBirth));
    services.add(
        SyntheticServices.service(
            random, "kube-system", "kube-dns", "ClusterIP", "coredns", clusterBirth));
    for (SyntheticWorkloads w : workloads) {
      deployments.add(w.deployment());
      replicaSets.addAll(w.replicaSets());
      pods.addAll(w.pods());
      if (random.chance(0.75)) {
        services.add(SyntheticServices.generate(random, w.deployment()));
      }
    }
    return new SyntheticCluster(seed, namespaces, nodes, deployments, replicaSets, pods, services);
  }

  private static Namespace namespace(ClusterRandom random, String name, String team) {
    long ageSeconds = team == null ? 400L * 86400 : random.between(30 * 86400, 380 * 86400);
    NamespaceBuilder ns =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(name)
            .withUid(random.uid())
            .withCreationTimestamp(ClusterRandom.before(ageSeconds))
            .addToLabels("kubernetes.io/metadata.name", name)
            .endMetadata()
            .withNewSpec()
            .withFinalizers("kubernetes")
            .endSpec()
            .withNewStatus()
            .withPhase("Active")
            .endStatus();
    if (team != null) {
      ns.editMetadata().addToLabels("team", team).endMetadata();
    }
    return ns.build();
  }

  private static boolean schedulable(Node node) {
    return !Boolean.TRUE.equals(node.getSpec().getUnschedulable())
        && (node.getSpec().getTaints() == null || node.getSpec().getTaints().isEmpty());
  }

  /** Every object in an order a real cluster could have created them: owners before owned. */
  public List<HasMetadata> objects() {
    List<HasMetadata> out = new ArrayList<>(size());
    out.addAll(namespaces);
    out.addAll(nodes);
    out.addAll(deployments);
    out.addAll(replicaSets);
    out.addAll(services);
    out.addAll(pods);
    return out;
  }

  /** Number of objects of every kind together. */
  public int size() {
    return namespaces.size()
        + nodes.size()
        + deployments.size()
        + replicaSets.size()
        + pods.size()
        + services.size();
  }
}
