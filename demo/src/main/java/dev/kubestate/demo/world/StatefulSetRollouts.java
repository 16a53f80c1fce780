package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rolling updates of a cluster's StatefulSets, one step per call, through the API, as the
 * StatefulSet controller makes them with partition 0: a step either starts a rollout (the template
 * is restarted as {@code kubectl rollout restart} does, the generation grows, a new update revision
 * appears) or replaces the highest ordinal still on the current revision with a pod of the update
 * revision (same name, new UID, its endpoints following it), counting {@code updatedReplicas} up
 * until the update revision becomes the current one. Confined to the churn's thread.
 */
final class StatefulSetRollouts {

  private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

  private final KubernetesClient client;
  private final ClusterRandom random;
  private final List<StatefulSet> sets;
  private final EndpointUpdates endpoints;

  /** Rollouts of {@code sets}; a replaced pod's endpoints follow it through {@code endpoints}. */
  StatefulSetRollouts(
      KubernetesClient client,
      ClusterRandom random,
      List<StatefulSet> sets,
      EndpointUpdates endpoints) {
    this.client = client;
    this.random = random;
    this.sets = List.copyOf(sets);
    this.endpoints = endpoints;
  }

  /** The next step of a set drawn at random, at {@code now}; null when there is no set. */
  String step(String now) {
    if (sets.isEmpty()) {
      return null;
    }
    StatefulSet seeded = sets.get(random.below(sets.size()));
    RollableScalableResource<StatefulSet> resource =
        client
            .apps()
            .statefulSets()
            .inNamespace(seeded.getMetadata().getNamespace())
            .withName(seeded.getMetadata().getName());
    StatefulSet set = resource.get();
    if (set == null || set.getSpec().getReplicas() == 0) {
      return null;
    }
    String what = "statefulset " + name(set) + ": ";
    StatefulSetStatus status = set.getStatus();
    return status.getCurrentRevision().equals(status.getUpdateRevision())
        ? what + startRollout(resource, set, now)
        : what + updateNext(resource, set, now);
  }

  /** Starts a rollout of {@code resource}'s set at {@code now}; says which revision. */
  private String startRollout(
      RollableScalableResource<StatefulSet> resource, StatefulSet set, String now) {
    String revision = set.getMetadata().getName() + "-" + random.suffix(10);
    StatefulSet started =
        resource.edit(
            s -> {
              s.getMetadata().setGeneration(s.getMetadata().getGeneration() + 1);
              ObjectMeta template = s.getSpec().getTemplate().getMetadata();
              Map<String, String> annotations = new LinkedHashMap<>();
              if (template.getAnnotations() != null) {
                annotations.putAll(template.getAnnotations());
              }
              annotations.put(RESTARTED_AT, now);
              template.setAnnotations(annotations);
              return s;
            });
    long generation = started.getMetadata().getGeneration();
    resource.editStatus(
        s -> {
          s.getStatus().setObservedGeneration(generation);
          s.getStatus().setUpdateRevision(revision);
          s.getStatus().setUpdatedReplicas(0);
          return s;
        });
    return "rollout of " + revision + " started";
  }

  /** Moves the highest ordinal still on the current revision to the update one; says which. */
  private String updateNext(
      RollableScalableResource<StatefulSet> resource, StatefulSet set, String now) {
    StatefulSetStatus status = set.getStatus();
    int replicas = set.getSpec().getReplicas();
    int updated = status.getUpdatedReplicas() == null ? 0 : status.getUpdatedReplicas();
    String pod = set.getMetadata().getName() + "-" + (replicas - 1 - updated);
    replace(set, pod, status.getUpdateRevision(), now);
    int nowUpdated = updated + 1;
    int ready = countReady(set);
    resource.editStatus(
        s -> {
          StatefulSetStatus st = s.getStatus();
          st.setUpdatedReplicas(nowUpdated);
          st.setCurrentReplicas(nowUpdated == replicas ? replicas : replicas - nowUpdated);
          if (nowUpdated == replicas) {
            st.setCurrentRevision(st.getUpdateRevision());
          }
          st.setReadyReplicas(ready);
          st.setAvailableReplicas(ready);
          return s;
        });
    return pod
        + " updated to "
        + status.getUpdateRevision()
        + " ("
        + nowUpdated
        + "/"
        + replicas
        + ")";
  }

  /** Deletes pod {@code name} and creates it again on {@code revision}, as the controller does. */
  private void replace(StatefulSet set, String name, String revision, String now) {
    String ns = set.getMetadata().getNamespace();
    Pod old = client.pods().inNamespace(ns).withName(name).get();
    if (old == null) {
      return;
    }
    Pod fresh =
        PodChanges.replacement(
            client.getKubernetesSerialization().clone(old), name, random.uid(), now);
    fresh.getMetadata().getLabels().put("controller-revision-hash", revision);
    String restarted =
        set.getSpec().getTemplate().getMetadata().getAnnotations() == null
            ? null
            : set.getSpec().getTemplate().getMetadata().getAnnotations().get(RESTARTED_AT);
    if (restarted != null) {
      Map<String, String> annotations = new LinkedHashMap<>();
      if (fresh.getMetadata().getAnnotations() != null) {
        annotations.putAll(fresh.getMetadata().getAnnotations());
      }
      annotations.put(RESTARTED_AT, restarted);
      fresh.getMetadata().setAnnotations(annotations);
    }
    client.pods().inNamespace(ns).withName(name).delete();
    client.resource(fresh).create();
    endpoints.follow(old, fresh);
  }

  private int countReady(StatefulSet set) {
    return (int)
        client
            .pods()
            .inNamespace(set.getMetadata().getNamespace())
            .withLabels(set.getSpec().getSelector().getMatchLabels())
            .list()
            .getItems()
            .stream()
            .filter(SyntheticWorkloads::isReady)
            .count();
  }

  private static String name(StatefulSet s) {
    return s.getMetadata().getNamespace() + "/" + s.getMetadata().getName();
  }
}
