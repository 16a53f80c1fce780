package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
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
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mid-size cluster made up from a seed, holding every kind kube-state-metrics exports: system and
 * team namespaces with their quotas and limit ranges, nodes with their leases, node agents
 * (DaemonSets), deployments with their replica sets, legacy replication controllers, databases and
 * queues (StatefulSets) with their volumes and attachments, CronJobs and Jobs, autoscalers,
 * disruption budgets, services with their endpoints, and the pods of all these controllers; and
 * around them configuration ({@link SyntheticConfig}), networking ({@link SyntheticNetworking}),
 * control-plane records ({@link SyntheticControlPlane}), RBAC ({@link SyntheticRbac}) and admission
 * control ({@link SyntheticAdmission}). The same seed and sizes give the same objects, field for
 * field, UIDs and timestamps included. Every owner reference, selector, claim binding, role
 * reference, service account, endpoint and status count refers to objects of the same cluster. The
 * lists are immutable; the objects are fabric8's mutable models, so callers that change one must
 * copy it first.
 *
 * @param seed the seed the cluster was made from
 * @param namespaces namespaces
 * @param nodes nodes, control-plane nodes first
 * @param deployments deployments
 * @param replicaSets replica sets, each deployment's current one first
 * @param replicationControllers legacy replication controllers
 * @param pods pods, exactly the requested count: of deployments (one of them evicted),
 *     StatefulSets, DaemonSets, Jobs and replication controllers
 * @param services services
 * @param statefulSets StatefulSets
 * @param daemonSets DaemonSets
 * @param cronJobs CronJobs
 * @param jobs Jobs, standalone and scheduled by the CronJobs
 * @param horizontalPodAutoscalers autoscalers of some deployments
 * @param podDisruptionBudgets disruption budgets of some deployments and StatefulSets
 * @param storageClasses storage classes, one per {@link StorageBackend}
 * @param persistentVolumes persistent volumes, bound or not
 * @param persistentVolumeClaims claims, of the StatefulSets' pods and one still pending
 * @param volumeAttachments attachments of the EBS volumes pods on nodes use
 * @param resourceQuotas one quota per team namespace
 * @param limitRanges one limit range per team namespace that has one
 * @param config config maps, secrets and service accounts
 * @param networking endpoints, endpoint slices, ingress classes, Ingresses, network policies
 * @param controlPlane leases and certificate signing requests
 * @param rbac roles, cluster roles and their bindings
 * @param admission webhook configurations, admission policies and their bindings
 */
public record SyntheticCluster(
    long seed,
    List<Namespace> namespaces,
    List<Node> nodes,
    List<Deployment> deployments,
    List<ReplicaSet> replicaSets,
    List<ReplicationController> replicationControllers,
    List<Pod> pods,
    List<Service> services,
    List<StatefulSet> statefulSets,
    List<DaemonSet> daemonSets,
    List<CronJob> cronJobs,
    List<Job> jobs,
    List<HorizontalPodAutoscaler> horizontalPodAutoscalers,
    List<PodDisruptionBudget> podDisruptionBudgets,
    List<StorageClass> storageClasses,
    List<PersistentVolume> persistentVolumes,
    List<PersistentVolumeClaim> persistentVolumeClaims,
    List<VolumeAttachment> volumeAttachments,
    List<ResourceQuota> resourceQuotas,
    List<LimitRange> limitRanges,
    SyntheticConfig config,
    SyntheticNetworking networking,
    SyntheticControlPlane controlPlane,
    SyntheticRbac rbac,
    SyntheticAdmission admission) {

  public SyntheticCluster {
    namespaces = List.copyOf(namespaces);
    nodes = List.copyOf(nodes);
    deployments = List.copyOf(deployments);
    replicaSets = List.copyOf(replicaSets);
    replicationControllers = List.copyOf(replicationControllers);
    pods = List.copyOf(pods);
    services = List.copyOf(services);
    statefulSets = List.copyOf(statefulSets);
    daemonSets = List.copyOf(daemonSets);
    cronJobs = List.copyOf(cronJobs);
    jobs = List.copyOf(jobs);
    horizontalPodAutoscalers = List.copyOf(horizontalPodAutoscalers);
    podDisruptionBudgets = List.copyOf(podDisruptionBudgets);
    storageClasses = List.copyOf(storageClasses);
    persistentVolumes = List.copyOf(persistentVolumes);
    persistentVolumeClaims = List.copyOf(persistentVolumeClaims);
    volumeAttachments = List.copyOf(volumeAttachments);
    resourceQuotas = List.copyOf(resourceQuotas);
    limitRanges = List.copyOf(limitRanges);
  }

  /**
   * Makes a cluster of exactly {@code nodeCount} nodes and {@code podCount} pods. Node agents take
   * up to an eighth of the pods (one per node they run on, so large node counts leave some out),
   * StatefulSets up to a twentieth, Jobs up to a twenty-fifth, legacy replication controllers up to
   * a two-hundredth; deployments take the rest.
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
    SyntheticStorage storage = new SyntheticStorage();
    SyntheticControllers controllers =
        SyntheticControllers.generate(random, nodes, podCount, storage);
    storage.addLeftovers(random, "team-" + random.pick(SyntheticNamespaces.TEAMS));
    return around(seed, random, namespaces, nodes, storage, controllers);
  }

  /**
   * The cluster of {@code controllers}, with what surrounds them generated from {@code random}:
   * services, autoscalers, budgets, quotas, storage classes and attachments, networking, control
   * plane records, RBAC, admission and configuration.
   */
  private static SyntheticCluster around(
      long seed,
      ClusterRandom random,
      List<Namespace> namespaces,
      List<Node> nodes,
      SyntheticStorage storage,
      SyntheticControllers controllers) {
    String clusterBirth = namespaces.get(0).getMetadata().getCreationTimestamp();
    List<Deployment> deployments = controllers.deployments();
    List<Pod> pods = controllers.pods();
    List<Service> services = controllers.services(random, clusterBirth);
    List<HorizontalPodAutoscaler> autoscalers = SyntheticAutoscaling.generate(random, deployments);
    List<PodDisruptionBudget> budgets =
        SyntheticDisruptionBudgets.generate(random, controllers.workloads(), controllers.sets());
    List<ResourceQuota> quotas =
        SyntheticQuotas.generate(random, namespaces, pods, deployments, storage.claims());
    List<LimitRange> limitRanges = SyntheticLimitRanges.generate(random, namespaces);
    List<StorageClass> storageClasses =
        SyntheticStorage.classes(random, ClusterRandom.secondsBefore(Instant.parse(clusterBirth)));
    List<VolumeAttachment> attachments =
        SyntheticStorage.attachments(random, pods, storage.claims(), storage.volumes());
    SyntheticNetworking networking =
        SyntheticNetworking.generate(random, namespaces, nodes, services, pods);
    SyntheticControlPlane controlPlane =
        SyntheticControlPlane.generate(random, clusterBirth, nodes, pods);
    SyntheticRbac rbac =
        SyntheticRbac.generate(random, clusterBirth, namespaces, controllers.addOns());
    SyntheticAdmission admission = SyntheticAdmission.generate(random, clusterBirth, services);
    List<SyntheticConfig.AccountUse> uses = controllers.accountUses(pods, rbac);
    SyntheticConfig config =
        SyntheticConfig.generate(random, namespaces, uses, deployments, networking.ingresses());
    return new SyntheticCluster(
        seed,
        namespaces,
        nodes,
        deployments,
        controllers.replicaSets(),
        controllers.legacy().replicationControllers(),
        pods,
        services,
        controllers.sets().statefulSets(),
        controllers.agents().daemonSets(),
        controllers.batch().cronJobs(),
        controllers.batch().jobs(),
        autoscalers,
        budgets,
        storageClasses,
        storage.volumes(),
        storage.claims(),
        attachments,
        quotas,
        limitRanges,
        config,
        networking,
        controlPlane,
        rbac,
        admission);
  }

  /**
   * The lists of {@link #objects()}, in an order a real cluster could have created them: namespaces
   * and their policies, service accounts, secrets and config maps, RBAC, classes, nodes and their
   * leases, certificate requests, volumes, then each controller before what it owns, claims before
   * the pods that mount them, services and the webhooks that call them, pods, and last what the
   * controllers derive from pods and services.
   */
  private List<List<? extends HasMetadata>> inCreationOrder() {
    return List.of(
        namespaces,
        resourceQuotas,
        limitRanges,
        config.serviceAccounts(),
        config.secrets(),
        config.configMaps(),
        rbac.clusterRoles(),
        rbac.clusterRoleBindings(),
        rbac.roles(),
        rbac.roleBindings(),
        storageClasses,
        networking.ingressClasses(),
        nodes,
        controlPlane.leases(),
        controlPlane.certificateSigningRequests(),
        persistentVolumes,
        deployments,
        replicaSets,
        replicationControllers,
        statefulSets,
        daemonSets,
        cronJobs,
        jobs,
        horizontalPodAutoscalers,
        podDisruptionBudgets,
        persistentVolumeClaims,
        services,
        admission.mutatingWebhookConfigurations(),
        admission.validatingWebhookConfigurations(),
        admission.validatingAdmissionPolicies(),
        admission.validatingAdmissionPolicyBindings(),
        admission.mutatingAdmissionPolicies(),
        admission.mutatingAdmissionPolicyBindings(),
        pods,
        networking.endpoints(),
        networking.endpointSlices(),
        networking.ingresses(),
        networking.networkPolicies(),
        volumeAttachments);
  }

  /**
   * Every object in an order a real cluster could have created them: owners before what they own,
   * what is referred to mostly before what refers to it (see {@link #inCreationOrder}).
   */
  public List<HasMetadata> objects() {
    List<HasMetadata> out = new ArrayList<>(size());
    inCreationOrder().forEach(out::addAll);
    return out;
  }

  /** Number of objects of every kind together: the size of {@link #objects()}. */
  public int size() {
    int n = 0;
    for (List<? extends HasMetadata> kind : inCreationOrder()) {
      n += kind.size();
    }
    return n;
  }

  /**
   * Objects per kind, by resource name ({@code pods}), in {@link #objects()} order; a kind without
   * objects is left out.
   */
  public Map<String, Integer> counts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (HasMetadata o : objects()) {
      out.merge(HasMetadata.getPlural(o.getClass()), 1, Integer::sum);
    }
    return out;
  }
}
