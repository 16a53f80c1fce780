package dev.kubestate.exporter.fleet;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Where a pod sits in its StatefulSet, as automatic sharding reads it (KSM's {@code --pod} and
 * {@code --pod-namespace}): the owner reference with apiVersion {@code apps/v1}, kind
 * {@code StatefulSet} and {@code controller: true}, and the ordinal that follows
 * {@code "<statefulset-name>-"} in the pod's name. Immutable.
 *
 * @param namespace the pod's (and StatefulSet's) namespace
 * @param pod the pod's name
 * @param statefulSet the owning StatefulSet's name
 * @param ordinal the pod's ordinal, at least 0
 */
public record StatefulSetPod(String namespace, String pod, String statefulSet, int ordinal) {

  /**
   * Reads the place of {@code pod}.
   *
   * @throws IllegalArgumentException naming the pod when it has no controlling StatefulSet owner
   *     or its name does not end in an ordinal
   */
  public static StatefulSetPod of(Pod pod) {
    String namespace = pod.getMetadata() == null ? null : pod.getMetadata().getNamespace();
    String name = pod.getMetadata() == null ? null : pod.getMetadata().getName();
    String owner = null;
    if (pod.getMetadata() != null && pod.getMetadata().getOwnerReferences() != null) {
      for (OwnerReference ref : pod.getMetadata().getOwnerReferences()) {
        if (ref != null
            && "apps/v1".equals(ref.getApiVersion())
            && "StatefulSet".equals(ref.getKind())
            && Boolean.TRUE.equals(ref.getController())
            && ref.getName() != null) {
          owner = ref.getName();
        }
      }
    }
    if (owner == null) {
      throw new IllegalArgumentException(
          "pod " + namespace + "/" + name + " has no controlling StatefulSet (apps/v1) owner;"
              + " automatic sharding needs one");
    }
    int ordinal = ordinal(name, owner);
    if (ordinal < 0) {
      throw new IllegalArgumentException(
          "pod " + namespace + "/" + name + " has no ordinal: its name is not \"" + owner
              + "-<integer>\"");
    }
    return new StatefulSetPod(namespace, name, owner, ordinal);
  }

  /**
   * The ordinal in {@code podName}: the decimal digits after {@code "<statefulSet>-"}.
   *
   * @return the ordinal, or -1 when the name has another form or the number exceeds an int
   */
  static int ordinal(String podName, String statefulSet) {
    String prefix = statefulSet + "-";
    if (podName == null || !podName.startsWith(prefix)) {
      return -1;
    }
    String digits = podName.substring(prefix.length());
    if (digits.isEmpty() || digits.length() > 9) {
      return -1;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(digits);
  }

  /**
   * GETs the pod and reads its place.
   *
   * @throws IllegalStateException naming the pod when it cannot be read or has no place
   */
  public static StatefulSetPod lookUp(KubernetesClient client, String namespace, String pod) {
    Pod found;
    try {
      found = client.pods().inNamespace(namespace).withName(pod).get();
    } catch (KubernetesClientException e) {
      throw new IllegalStateException(
          "automatic sharding: cannot read pod " + namespace + "/" + pod + ": " + e.getMessage(),
          e);
    }
    if (found == null) {
      throw new IllegalStateException(
          "automatic sharding: pod " + namespace + "/" + pod + " does not exist");
    }
    try {
      return of(found);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("automatic sharding: " + e.getMessage(), e);
    }
  }
}
