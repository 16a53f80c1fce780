package dev.kubestate.exporter.testing;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;

/**
 * Tests playing the StatefulSet controller for automatic sharding: one StatefulSet with its
 * replicas reported ready, and pods {@code <name>-0..} it owns, as {@code StatefulSetPod} and
 * {@code FleetWatch} read them.
 */
public final class TestStatefulSets {

  private final KubernetesClient client;
  private final String namespace;
  private final String name;

  private TestStatefulSets(KubernetesClient client, String namespace, String name) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
  }

  /**
   * Creates StatefulSet {@code name} with {@code replicas} ready replicas and pods {@code
   * <name>-0..pods-1} owned by it.
   */
  public static TestStatefulSets create(
      KubernetesClient client, String namespace, String name, int replicas, int pods) {
    TestStatefulSets set = new TestStatefulSets(client, namespace, name);
    client
        .apps()
        .statefulSets()
        .inNamespace(namespace)
        .resource(
            new StatefulSetBuilder()
                .withNewMetadata()
                .withName(name)
                .endMetadata()
                .withNewSpec()
                .withReplicas(replicas)
                .endSpec()
                .withNewStatus()
                .withReplicas(replicas)
                .withReadyReplicas(replicas)
                .endStatus()
                .build())
        .create();
    String setUid = set.resource().get().getMetadata().getUid();
    for (int k = 0; k < pods; k++) {
      client
          .pods()
          .inNamespace(namespace)
          .resource(
              new PodBuilder()
                  .withNewMetadata()
                  .withName(name + "-" + k)
                  .addNewOwnerReference()
                  .withApiVersion("apps/v1")
                  .withKind("StatefulSet")
                  .withName(name)
                  .withUid(setUid)
                  .withController(true)
                  .endOwnerReference()
                  .endMetadata()
                  .build())
          .create();
    }
    return set;
  }

  /** Sets {@code spec.replicas}, as {@code kubectl scale} does. */
  public void scale(int replicas) {
    resource()
        .edit(s -> new StatefulSetBuilder(s).editSpec().withReplicas(replicas).endSpec().build());
  }

  /** As the StatefulSet controller: every replica of {@code replicas} is ready. */
  public void reportReady(int replicas) {
    resource()
        .editStatus(
            s ->
                new StatefulSetBuilder(s)
                    .editStatus()
                    .withReplicas(replicas)
                    .withReadyReplicas(replicas)
                    .endStatus()
                    .build());
  }

  private RollableScalableResource<StatefulSet> resource() {
    return client.apps().statefulSets().inNamespace(namespace).withName(name);
  }
}
