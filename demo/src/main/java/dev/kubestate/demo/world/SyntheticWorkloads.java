package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One deployment of a synthetic cluster with everything it owns: its current replica set, for some
 * an older scaled-down revision, the current revision's pods, and for one a pod the kubelet
 * evicted, which the replica set no longer counts. Statuses agree with the pods the replica set
 * counts (ready and available counts). Team apps run as their own service account or as their
 * namespace's default one; add-ons in system namespaces always as their own. Immutable once built.
 *
 * @param deployment the deployment
 * @param replicaSets current revision first, then older ones
 * @param pods pods of the current revision that its replica set counts
 * @param leftovers pods of the current revision its replica set no longer counts
 */
record SyntheticWorkloads(
    Deployment deployment, List<ReplicaSet> replicaSets, List<Pod> pods, List<Pod> leftovers) {

  /**
   * A deployment named {@code app} in {@code namespace} with {@code replicas} pods spread over the
   * schedulable {@code nodes} (none: every pod is pending), and when {@code evicted} and there are
   * nodes, one pod besides that the kubelet evicted, Failed and kept until deleted.
   */
  static SyntheticWorkloads generate(
      ClusterRandom random,
      String namespace,
      String app,
      int replicas,
      boolean evicted,
      List<Node> nodes) {
    long ageSeconds = random.between(2 * 86400, 300 * 86400);
    int revision = random.between(1, 40);
    PodTemplates.Template template =
        SyntheticLimitRanges.admit(
            namespace, PodTemplates.generate(random, app, "registry.example.com/" + namespace));
    if (!namespace.startsWith("team-")) {
      template.spec().setServiceAccountName(app);
    }
    Deployment deployment =
        deployment(random, namespace, app, replicas, ageSeconds, revision, template);
    long rsAge =
        revision == 1 ? ageSeconds : random.between(600, (int) Math.min(ageSeconds, 30 * 86400));
    List<ReplicaSet> sets = new ArrayList<>();
    ReplicaSet current = replicaSet(random, deployment, revision, replicas, rsAge);
    sets.add(current);
    if (revision > 1 && random.chance(0.4)) {
      sets.add(replicaSet(random, deployment, revision - 1, 0, ageSeconds));
    }
    List<Pod> pods = new ArrayList<>(replicas);
    for (int i = 0; i < replicas; i++) {
      Node node = nodes.isEmpty() ? null : nodes.get(random.below(nodes.size()));
      pods.add(
          SyntheticPods.generate(
              random,
              current,
              template.qos(),
              node,
              SyntheticPods.drawState(random),
              random.between(60, (int) rsAge)));
    }
    setStatuses(deployment, current, pods, rsAge);
    List<Pod> leftovers =
        !evicted || nodes.isEmpty()
            ? List.of()
            : List.of(evicted(random, current, template, nodes, rsAge));
    return new SyntheticWorkloads(deployment, List.copyOf(sets), List.copyOf(pods), leftovers);
  }

  /** A pod of {@code current} on one of {@code nodes}, evicted since. */
  private static Pod evicted(
      ClusterRandom random,
      ReplicaSet current,
      PodTemplates.Template template,
      List<Node> nodes,
      long rsAge) {
    long ageSeconds = random.between(600, (int) Math.max(600, rsAge));
    Pod pod =
        SyntheticPods.generate(
            random,
            current,
            template.qos(),
            nodes.get(random.below(nodes.size())),
            SyntheticPods.State.RUNNING,
            ageSeconds);
    return PodChanges.evict(pod, ClusterRandom.before(random.between(60, (int) ageSeconds - 60)));
  }

  private static Deployment deployment(
      ClusterRandom random,
      String namespace,
      String app,
      int replicas,
      long ageSeconds,
      int revision,
      PodTemplates.Template template) {
    Map<String, String> selector = Map.of("app.kubernetes.io/name", app);
    Deployment deployment =
        new DeploymentBuilder()
            .withNewMetadata()
            .withName(app)
            .withNamespace(namespace)
            .withUid(random.uid())
            .withCreationTimestamp(ClusterRandom.before(ageSeconds))
            .withGeneration((long) revision + random.below(3))
            .addToLabels("app.kubernetes.io/name", app)
            .addToLabels("app.kubernetes.io/part-of", namespace)
            .addToAnnotations("deployment.kubernetes.io/revision", Integer.toString(revision))
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .withMatchLabels(selector)
            .endSelector()
            .withNewStrategy()
            .withType("RollingUpdate")
            .withNewRollingUpdate()
            .withNewMaxSurge("25%")
            .withNewMaxUnavailable("25%")
            .endRollingUpdate()
            .endStrategy()
            .withRevisionHistoryLimit(10)
            .withProgressDeadlineSeconds(600)
            .endSpec()
            .build();
    deployment
        .getSpec()
        .setTemplate(
            new PodTemplateSpec(
                new ObjectMetaBuilder().withLabels(selector).build(), template.spec()));
    return deployment;
  }

  /** Sets the statuses of the deployment and its current replica set from its pods. */
  private static void setStatuses(
      Deployment deployment, ReplicaSet current, List<Pod> pods, long rsAge) {
    int replicas = pods.size();
    int ready = (int) pods.stream().filter(SyntheticWorkloads::isReady).count();
    current.setStatus(
        new ReplicaSetStatusBuilder()
            .withReplicas(replicas)
            .withFullyLabeledReplicas(replicas)
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .withObservedGeneration(1L)
            .build());
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withReadyReplicas(ready)
            .withAvailableReplicas(ready)
            .withUnavailableReplicas(replicas - ready)
            .withConditions(deploymentConditions(ready >= replicas - replicas / 4, current, rsAge))
            .build());
  }

  static boolean isReady(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return false;
    }
    return pod.getStatus().getConditions().stream()
        .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static ReplicaSet replicaSet(
      ClusterRandom random, Deployment deployment, int revision, int replicas, long ageSeconds) {
    String hash = random.suffix(10);
    Map<String, String> labels =
        new LinkedHashMap<>(deployment.getSpec().getSelector().getMatchLabels());
    labels.put("pod-template-hash", hash);
    String name = deployment.getMetadata().getName() + "-" + hash;
    ReplicaSet rs =
        new ReplicaSetBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(deployment.getMetadata().getNamespace())
            .withUid(random.uid())
            .withCreationTimestamp(ClusterRandom.before(ageSeconds))
            .withGeneration(replicas == 0 ? 2L : 1L)
            .withLabels(labels)
            .addToAnnotations(
                "deployment.kubernetes.io/desired-replicas",
                Integer.toString(deployment.getSpec().getReplicas()))
            .addToAnnotations(
                "deployment.kubernetes.io/max-replicas",
                Integer.toString(deployment.getSpec().getReplicas() + 1))
            .addToAnnotations("deployment.kubernetes.io/revision", Integer.toString(revision))
            .addNewOwnerReference()
            .withApiVersion("apps/v1")
            .withKind("Deployment")
            .withName(deployment.getMetadata().getName())
            .withUid(deployment.getMetadata().getUid())
            .withController(true)
            .withBlockOwnerDeletion(true)
            .endOwnerReference()
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withNewSelector()
            .withMatchLabels(labels)
            .endSelector()
            .endSpec()
            .build();
    // The deployment's spec is shared, not copied: fabric8's deep copy dominates generation time.
    rs.getSpec()
        .setTemplate(
            new PodTemplateSpec(
                new ObjectMetaBuilder().withLabels(labels).build(),
                deployment.getSpec().getTemplate().getSpec()));
    rs.setStatus(
        new ReplicaSetStatusBuilder()
            .withReplicas(replicas)
            .withObservedGeneration(rs.getMetadata().getGeneration())
            .build());
    return rs;
  }

  private static List<DeploymentCondition> deploymentConditions(
      boolean available, ReplicaSet current, long ageSeconds) {
    String since = ClusterRandom.before(ageSeconds);
    return List.of(
        new DeploymentConditionBuilder()
            .withType("Available")
            .withStatus(available ? "True" : "False")
            .withReason(available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable")
            .withMessage(
                available
                    ? "Deployment has minimum availability."
                    : "Deployment does not have minimum availability.")
            .withLastUpdateTime(since)
            .withLastTransitionTime(since)
            .build(),
        new DeploymentConditionBuilder()
            .withType("Progressing")
            .withStatus("True")
            .withReason("NewReplicaSetAvailable")
            .withMessage(
                "ReplicaSet \""
                    + current.getMetadata().getName()
                    + "\" has successfully progressed.")
            .withLastUpdateTime(since)
            .withLastTransitionTime(since)
            .build());
  }
}
