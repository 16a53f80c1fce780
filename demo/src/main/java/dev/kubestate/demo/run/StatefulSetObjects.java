package dev.kubestate.demo.run;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The objects of the demo's own StatefulSet, as a cluster running the exporter from {@code
 * deploy/statefulset/} would hold them: its namespace, the StatefulSet, and one pod per ordinal
 * named {@code <set>-<ordinal>} and controlled by the set, which is what automatic sharding
 * reads. UIDs derive from the names (and, for pods, the incarnation), so that a demo run places
 * them in the same shards every time. Immutable.
 *
 * @param namespace namespace of the set and its pods
 * @param name the StatefulSet's name
 * @param nodes node names the pods are spread over, round robin; empty: pods are unscheduled
 */
record StatefulSetObjects(String namespace, String name, List<String> nodes) {

  private static final String IMAGE = "kube-state-exporter:demo";

  StatefulSetObjects {
    nodes = List.copyOf(nodes);
  }

  Namespace namespaceObject() {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(namespace)
        .withUid(uid("namespace/" + namespace))
        .withLabels(Map.of("kubernetes.io/metadata.name", namespace))
        .endMetadata()
        .withNewStatus()
        .withPhase("Active")
        .endStatus()
        .build();
  }

  /** The StatefulSet with {@code replicas} wanted and none yet running. */
  StatefulSet statefulSet(int replicas) {
    return new StatefulSetBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withUid(uid("statefulset/" + namespace + "/" + name))
        .withLabels(labels())
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withServiceName(name)
        .withPodManagementPolicy("Parallel")
        .withNewSelector()
        .withMatchLabels(labels())
        .endSelector()
        .endSpec()
        .withNewStatus()
        .withReplicas(0)
        .withReadyReplicas(0)
        .endStatus()
        .build();
  }

  /** The name of the pod with {@code ordinal}. */
  String podName(int ordinal) {
    return name + "-" + ordinal;
  }

  /**
   * Pod {@code ordinal} of the set whose UID is {@code setUid}, in its {@code incarnation}-th life
   * (a pod deleted on scale-down and created again on scale-up is a new object with a new UID),
   * running but not ready.
   */
  Pod pod(int ordinal, String setUid, long incarnation) {
    String pod = podName(ordinal);
    PodBuilder b =
        new PodBuilder()
            .withNewMetadata()
            .withName(pod)
            .withNamespace(namespace)
            .withUid(uid("pod/" + namespace + "/" + pod + "/" + incarnation))
            .withLabels(labels())
            .addToLabels("statefulset.kubernetes.io/pod-name", pod)
            .addNewOwnerReference()
            .withApiVersion("apps/v1")
            .withKind("StatefulSet")
            .withName(name)
            .withUid(setUid)
            .withController(true)
            .withBlockOwnerDeletion(true)
            .endOwnerReference()
            .endMetadata()
            .withNewSpec()
            .addNewContainer()
            .withName(name)
            .withImage(IMAGE)
            .endContainer()
            .endSpec();
    if (!nodes.isEmpty()) {
      b.editSpec().withNodeName(nodes.get(ordinal % nodes.size())).endSpec();
    }
    return b.withNewStatus()
        .withPhase("Running")
        .addNewCondition()
        .withType("Ready")
        .withStatus("False")
        .endCondition()
        .endStatus()
        .build();
  }

  private Map<String, String> labels() {
    return Map.of("app.kubernetes.io/name", name);
  }

  private static String uid(String key) {
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
