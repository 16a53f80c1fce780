package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricStatus;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricValueStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The horizontal pod autoscaler's part of churn, through the API: an HPA drawn at random scales its
 * deployment one replica up or down within its bounds, and the deployment's {@code spec.replicas}
 * (and its current replica set's) moves with the HPA's current and desired replicas, the CPU
 * utilisation it reports moving the other way. Confined to the churn's thread.
 */
final class AutoscalerSteps {

  private final KubernetesClient client;
  private final ClusterRandom random;
  private final List<HorizontalPodAutoscaler> autoscalers;
  private final Map<String, Deployment> deployments = new HashMap<>();
  private final Map<String, ReplicaSet> currentSets;

  /**
   * Steps for the HPAs of {@code cluster}; {@code currentSets} maps a deployment's UID to its
   * current replica set.
   */
  AutoscalerSteps(
      KubernetesClient client,
      ClusterRandom random,
      SyntheticCluster cluster,
      Map<String, ReplicaSet> currentSets) {
    this.client = client;
    this.random = random;
    this.autoscalers = cluster.horizontalPodAutoscalers();
    this.currentSets = currentSets;
    for (Deployment d : cluster.deployments()) {
      deployments.put(d.getMetadata().getNamespace() + "/" + d.getMetadata().getName(), d);
    }
  }

  /** Whether {@code d} is scaled by an HPA (and so by nobody else). */
  boolean scales(Deployment d) {
    for (HorizontalPodAutoscaler h : autoscalers) {
      if (h.getMetadata().getNamespace().equals(d.getMetadata().getNamespace())
          && h.getSpec().getScaleTargetRef().getName().equals(d.getMetadata().getName())) {
        return true;
      }
    }
    return false;
  }

  /** Scales the target of an HPA drawn at random at {@code now}; null when there is none. */
  String step(String now) {
    if (autoscalers.isEmpty()) {
      return null;
    }
    HorizontalPodAutoscaler seeded = autoscalers.get(random.below(autoscalers.size()));
    String ns = seeded.getMetadata().getNamespace();
    Resource<HorizontalPodAutoscaler> resource =
        client
            .autoscaling()
            .v2()
            .horizontalPodAutoscalers()
            .inNamespace(ns)
            .withName(seeded.getMetadata().getName());
    HorizontalPodAutoscaler hpa = resource.get();
    Deployment target = deployments.get(ns + "/" + hpa.getSpec().getScaleTargetRef().getName());
    if (target == null) {
      return null;
    }
    int current = hpa.getStatus().getCurrentReplicas();
    int min = hpa.getSpec().getMinReplicas() == null ? 1 : hpa.getSpec().getMinReplicas();
    int max = hpa.getSpec().getMaxReplicas();
    int delta = random.chance(0.5) ? 1 : -1;
    int to = current + delta < min || current + delta > max ? current - delta : current + delta;
    if (to < min || to > max) {
      return null;
    }
    scale(target, to);
    resource.editStatus(
        h -> {
          SyntheticAutoscaling.scaled(h, to, now);
          // The same load over more (or fewer) pods: each uses proportionally less (or more).
          for (MetricStatus m : h.getStatus().getCurrentMetrics()) {
            MetricValueStatus v = m.getResource() == null ? null : m.getResource().getCurrent();
            if (v != null && v.getAverageUtilization() != null) {
              v.setAverageUtilization(v.getAverageUtilization() * current / to);
              long millis = v.getAverageValue().getNumericalAmount().movePointRight(3).longValue();
              v.setAverageValue(new Quantity(millis * current / to + "m"));
            }
          }
          return h;
        });
    return "hpa " + ns + "/" + hpa.getMetadata().getName() + ": scaled " + current + " -> " + to;
  }

  /** Sets {@code spec.replicas} of {@code target} and of its current replica set. */
  private void scale(Deployment target, int to) {
    String ns = target.getMetadata().getNamespace();
    client
        .apps()
        .deployments()
        .inNamespace(ns)
        .withName(target.getMetadata().getName())
        .edit(
            d -> {
              d.getSpec().setReplicas(to);
              d.getMetadata().setGeneration(d.getMetadata().getGeneration() + 1);
              return d;
            });
    ReplicaSet rs = currentSets.get(target.getMetadata().getUid());
    if (rs != null) {
      client
          .apps()
          .replicaSets()
          .inNamespace(ns)
          .withName(rs.getMetadata().getName())
          .edit(
              x -> {
                x.getSpec().setReplicas(to);
                return x;
              });
    }
  }
}
