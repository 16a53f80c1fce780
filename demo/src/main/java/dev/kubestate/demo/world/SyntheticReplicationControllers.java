package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatus;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatusBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ReplicationControllers a long-lived cluster still carries from before Deployments: a
 * memcached that nobody migrated, running a pod or two as the pod budget allows, and a proxy scaled
 * to zero and left in place. Both select their pods by the legacy {@code app} label. Pods are
 * placed on schedulable nodes (none: pending); statuses agree with the pods. Immutable once built.
 *
 * @param replicationControllers the controllers
 * @param pods the pods of the one that still runs
 */
record SyntheticReplicationControllers(
    List<ReplicationController> replicationControllers, List<Pod> pods) {

  /** The pods the memcached runs at most. */
  private static final int MEMCACHED_REPLICAS = 2;

  /** Both controllers, the memcached with {@code budget} pods at most. */
  static SyntheticReplicationControllers generate(
      ClusterRandom random, List<Node> nodes, int budget) {
    String team = "team-" + random.pick(SyntheticNamespaces.TEAMS);
    List<Pod> pods = new ArrayList<>();
    ReplicationController memcached =
        controller(
            random,
            team,
            "legacy-memcached",
            "docker.io/library/memcached:1.5.22",
            11211,
            Math.min(MEMCACHED_REPLICAS, budget),
            nodes,
            pods);
    ReplicationController proxy =
        controller(
            random,
            "team-" + random.pick(SyntheticNamespaces.TEAMS),
            "legacy-proxy",
            "docker.io/library/nginx:1.17.10",
            80,
            0,
            nodes,
            pods);
    return new SyntheticReplicationControllers(List.of(memcached, proxy), List.copyOf(pods));
  }

  private static ReplicationController controller(
      ClusterRandom random,
      String namespace,
      String name,
      String image,
      int port,
      int replicas,
      List<Node> nodes,
      List<Pod> pods) {
    long ageSeconds = random.between(180 * 86400, 300 * 86400);
    PodTemplates.Template template =
        SyntheticLimitRanges.admit(
            namespace, PodTemplates.single(random, name, image, port, PodTemplates.Qos.BURSTABLE));
    Map<String, String> selector = Map.of("app", name);
    ReplicationController rc =
        new ReplicationControllerBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withUid(random.uid())
            .withCreationTimestamp(ClusterRandom.before(ageSeconds))
            .withGeneration(replicas == 0 ? 2L : 1L)
            .withLabels(selector)
            .endMetadata()
            .withNewSpec()
            .withReplicas(replicas)
            .withSelector(selector)
            .withTemplate(
                new PodTemplateSpec(
                    new ObjectMetaBuilder().withLabels(selector).build(), template.spec()))
            .endSpec()
            .build();
    List<Pod> own = new ArrayList<>();
    String prefix = name + "-";
    for (int i = 0; i < replicas; i++) {
      Node node = nodes.isEmpty() ? null : nodes.get(random.below(nodes.size()));
      own.add(
          SyntheticPods.generate(
              random,
              new SyntheticPods.Origin(
                  namespace,
                  prefix + random.suffix(5),
                  prefix,
                  new LinkedHashMap<>(selector),
                  SyntheticPods.controllerOf("v1", rc),
                  template.spec()),
              template.qos(),
              node,
              SyntheticPods.drawState(random),
              random.between(3600, 90 * 86400)));
    }
    int ready = (int) own.stream().filter(SyntheticWorkloads::isReady).count();
    rc.setStatus(status(rc, replicas, ready));
    pods.addAll(own);
    return rc;
  }

  /** The status of {@code rc} with {@code replicas} pods, {@code ready} of them ready. */
  private static ReplicationControllerStatus status(
      ReplicationController rc, int replicas, int ready) {
    return new ReplicationControllerStatusBuilder()
        .withReplicas(replicas)
        .withFullyLabeledReplicas(replicas)
        .withReadyReplicas(ready)
        .withAvailableReplicas(ready)
        .withObservedGeneration(rc.getMetadata().getGeneration())
        .build();
  }
}
