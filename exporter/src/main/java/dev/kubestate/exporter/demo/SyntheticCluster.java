package dev.kubestate.exporter.demo;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A mid-size cluster made up from a seed: system and team namespaces with their quotas, nodes, node
 * agents (DaemonSets), deployments with their replica sets, databases and queues (StatefulSets)
 * with their volumes, CronJobs and Jobs, autoscalers, disruption budgets, services, and the pods of
 * all these controllers. The same seed and sizes give the same objects, field for field, UIDs and
 * timestamps included. Every owner reference, selector, claim binding and status count refers to
 * objects of the same cluster. The lists are immutable; the objects are fabric8's mutable models,
 * so callers that change one must copy it first.
 *
 * @param seed the seed the cluster was made from
 * @param namespaces namespaces
 * @param nodes nodes, control-plane nodes first
 * @param deployments deployments
 * @param replicaSets replica sets, each deployment's current one first
 * @param pods pods, exactly the requested count: of deployments, StatefulSets, DaemonSets, Jobs
 * @param services services
 * @param statefulSets StatefulSets
 * @param daemonSets DaemonSets
 * @param cronJobs CronJobs
 * @param jobs Jobs, standalone and scheduled by the CronJobs
 * @param horizontalPodAutoscalers autoscalers of some deployments
 * @param podDisruptionBudgets disruption budgets of some deployments and StatefulSets
 * @param persistentVolumes persistent volumes, bound or not
 * @param persistentVolumeClaims claims, of the StatefulSets' pods and one still pending
 * @param resourceQuotas one quota per team namespace
 */
public record SyntheticCluster(
    long seed,
    List<Namespace> namespaces,
    List<Node> nodes,
    List<Deployment> deployments,
    List<ReplicaSet> replicaSets,
    List<Pod> pods,
    List<Service> services,
    List<StatefulSet> statefulSets,
    List<DaemonSet> daemonSets,
    List<CronJob> cronJobs,
    List<Job> jobs,
    List<HorizontalPodAutoscaler> horizontalPodAutoscalers,
    List<PodDisruptionBudget> podDisruptionBudgets,
    List<PersistentVolume> persistentVolumes,
    List<PersistentVolumeClaim> persistentVolumeClaims,
    List<ResourceQuota> resourceQuotas) {

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

  /** Shares of the pod budget node agents, StatefulSets and Jobs may take at most: 1/n. */
  private static final int DAEMON_SHARE = 8;

  private static final int STATEFUL_SHARE = 20;
  private static final int JOB_SHARE = 25;

  public SyntheticCluster {
    namespaces = List.copyOf(namespaces);
    nodes = List.copyOf(nodes);
    deployments = List.copyOf(deployments);
    replicaSets = List.copyOf(replicaSets);
    pods = List.copyOf(pods);
    services = List.copyOf(services);
    statefulSets = List.copyOf(statefulSets);
    daemonSets = List.copyOf(daemonSets);
    cronJobs = List.copyOf(cronJobs);
    jobs = List.copyOf(jobs);
    horizontalPodAutoscalers = List.copyOf(horizontalPodAutoscalers);
    podDisruptionBudgets = List.copyOf(podDisruptionBudgets);
    persistentVolumes = List.copyOf(persistentVolumes);
    persistentVolumeClaims = List.copyOf(persistentVolumeClaims);
    resourceQuotas = List.copyOf(resourceQuotas);
  }

  /**
   * Makes a cluster of exactly {@code nodeCount} nodes and {@code podCount} pods. Node agents take
   * up to an eighth of the pods (one per node they run on, so large node counts leave some out),
   * StatefulSets up to a twentieth, Jobs up to a twenty-fifth; deployments take the rest.
   *
   * @throws IllegalArgumentException when a count is negative
   */
  public static SyntheticCluster generate(long seed, int nodeCount, int podCount) {
    if (nodeCount < 0 || podCount < 0) {
      throw new IllegalArgumentException(
          "node and pod counts must be >= 0, got " + nodeCount + " nodes, " + podCount + " pods");
    }
    ClusterRandom random = new ClusterRandom(seed);
    List<Namespace> namespaces = SyntheticNamespaces.generate(random);
    List<Node> nodes = SyntheticNodes.generate(random, nodeCount);
    List<Node> schedulable = nodes.stream().filter(SyntheticNodes::schedulable).toList();
    SyntheticStorage storage = new SyntheticStorage();
    SyntheticDaemonSets agents =
        SyntheticDaemonSets.generate(random, nodes, podCount / DAEMON_SHARE);
    int remaining = podCount - agents.pods().size();
    SyntheticStatefulSets sets =
        SyntheticStatefulSets.generate(
            random, schedulable, Math.min(remaining, podCount / STATEFUL_SHARE), storage);
    remaining -= sets.pods().size();
    SyntheticJobs batch =
        SyntheticJobs.generate(random, schedulable, Math.min(remaining, podCount / JOB_SHARE));
    remaining -= batch.pods().size();
    List<SyntheticWorkloads> workloads = deployments(random, schedulable, remaining);
    storage.addLeftovers(random, "team-" + random.pick(SyntheticNamespaces.TEAMS));

    List<Deployment> deployments = new ArrayList<>();
    List<ReplicaSet> replicaSets = new ArrayList<>();
    List<Pod> pods = new ArrayList<>();
    for (SyntheticWorkloads w : workloads) {
      deployments.add(w.deployment());
      replicaSets.addAll(w.replicaSets());
      pods.addAll(w.pods());
    }
    pods.addAll(sets.pods());
    pods.addAll(agents.pods());
    pods.addAll(batch.pods());
    List<Service> services = services(random, namespaces, workloads);
    services.addAll(sets.services());
    return new SyntheticCluster(
        seed,
        namespaces,
        nodes,
        deployments,
        replicaSets,
        pods,
        services,
        sets.statefulSets(),
        agents.daemonSets(),
        batch.cronJobs(),
        batch.jobs(),
        SyntheticAutoscaling.generate(random, deployments),
        SyntheticDisruptionBudgets.generate(random, workloads, sets),
        storage.volumes(),
        storage.claims(),
        SyntheticQuotas.generate(random, namespaces, pods, deployments, storage.claims()));
  }

  /** The system deployments, then team deployments until {@code podCount} pods are placed. */
  private static List<SyntheticWorkloads> deployments(
      ClusterRandom random, List<Node> schedulable, int podCount) {
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
      String team = random.pick(SyntheticNamespaces.TEAMS);
      String base = team + "-" + random.pick(COMPONENTS);
      int n = used.merge(base, 1, Integer::sum);
      int replicas = Math.min(random.pick(REPLICAS), remaining);
      workloads.add(
          SyntheticWorkloads.generate(
              random, "team-" + team, n == 1 ? base : base + "-" + n, replicas, schedulable));
      remaining -= replicas;
    }
    return workloads;
  }

  /** The API server's and DNS services, then a service for about three deployments in four. */
  private static List<Service> services(
      ClusterRandom random, List<Namespace> namespaces, List<SyntheticWorkloads> workloads) {
    List<Service> services = new ArrayList<>();
    String clusterBirth = namespaces.get(0).getMetadata().getCreationTimestamp();
    services.add(
        SyntheticServices.service(
            random, "default", "kubernetes", "ClusterIP", null, clusterBirth));
    services.add(
        SyntheticServices.service(
            random, "kube-system", "kube-dns", "ClusterIP", "coredns", clusterBirth));
    for (SyntheticWorkloads w : workloads) {
      if (random.chance(0.75)) {
        services.add(SyntheticServices.generate(random, w.deployment()));
      }
    }
    return services;
  }

  /**
   * Every object in an order a real cluster could have created them: namespaces and their quotas,
   * nodes, volumes, then each controller before what it owns, claims before the pods that mount
   * them, pods last.
   */
  public List<HasMetadata> objects() {
    List<HasMetadata> out = new ArrayList<>(size());
    out.addAll(namespaces);
    out.addAll(resourceQuotas);
    out.addAll(nodes);
    out.addAll(persistentVolumes);
    out.addAll(deployments);
    out.addAll(replicaSets);
    out.addAll(statefulSets);
    out.addAll(daemonSets);
    out.addAll(cronJobs);
    out.addAll(jobs);
    out.addAll(horizontalPodAutoscalers);
    out.addAll(podDisruptionBudgets);
    out.addAll(persistentVolumeClaims);
    out.addAll(services);
    out.addAll(pods);
    return out;
  }

  /** Number of objects of every kind together: the size of {@link #objects()}. */
  public int size() {
    return namespaces.size()
        + resourceQuotas.size()
        + nodes.size()
        + persistentVolumes.size()
        + deployments.size()
        + replicaSets.size()
        + statefulSets.size()
        + daemonSets.size()
        + cronJobs.size()
        + jobs.size()
        + horizontalPodAutoscalers.size()
        + podDisruptionBudgets.size()
        + persistentVolumeClaims.size()
        + services.size()
        + pods.size();
  }
}
