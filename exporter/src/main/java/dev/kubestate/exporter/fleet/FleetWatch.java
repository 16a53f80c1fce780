package dev.kubestate.exporter.fleet;

import dev.kubestate.sharding.Shard;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the StatefulSet of one pod (an informer with field selector {@code metadata.name}) and
 * hands every observation to a {@link FleetListener}: the shard is the pod's ordinal of
 * {@code spec.replicas} (1 when unset), and the fleet is ready when {@code status.readyReplicas}
 * reaches {@code spec.replicas} and, when both are set, {@code status.observedGeneration} has
 * reached {@code metadata.generation}. An observation in which the pod's ordinal is outside the
 * replicas (the pod is being removed), or the StatefulSet is deleted, keeps the assignment.
 * Thread-safe.
 */
public final class FleetWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FleetWatch.class);

  private final SharedIndexInformer<StatefulSet> informer;
  private final boolean[] closed;

  private FleetWatch(SharedIndexInformer<StatefulSet> informer, boolean[] closed) {
    this.informer = informer;
    this.closed = closed;
  }

  /**
   * GETs the pod's StatefulSet and returns the pod's shard in it.
   *
   * @throws IllegalStateException naming the pod when the StatefulSet cannot be read, or the
   *     pod's ordinal is not below its replicas
   */
  public static Shard initialShard(KubernetesClient client, StatefulSetPod pod) {
    StatefulSet set;
    try {
      set =
          client.apps().statefulSets().inNamespace(pod.namespace()).withName(pod.statefulSet())
              .get();
    } catch (KubernetesClientException e) {
      throw new IllegalStateException(
          "automatic sharding: cannot read StatefulSet " + pod.namespace() + "/"
              + pod.statefulSet() + " of pod " + pod.pod() + ": " + e.getMessage(),
          e);
    }
    if (set == null) {
      throw new IllegalStateException(
          "automatic sharding: StatefulSet " + pod.namespace() + "/" + pod.statefulSet()
              + " of pod " + pod.pod() + " does not exist");
    }
    int total = replicas(set);
    if (pod.ordinal() >= total) {
      throw new IllegalStateException(
          "automatic sharding: pod " + pod.namespace() + "/" + pod.pod() + " has ordinal "
              + pod.ordinal() + " but StatefulSet " + pod.statefulSet() + " has " + total
              + " replicas");
    }
    return new Shard(pod.ordinal(), total);
  }

  /** Starts watching; observations go to {@code listener} from the informer's thread. */
  public static FleetWatch start(
      KubernetesClient client, StatefulSetPod pod, FleetListener listener) {
    SharedIndexInformer<StatefulSet> informer =
        client
            .apps()
            .statefulSets()
            .inNamespace(pod.namespace())
            .withField("metadata.name", pod.statefulSet())
            .runnableInformer(0);
    boolean[] closed = {false};
    informer
        .exceptionHandler(
            (started, t) -> {
              synchronized (closed) {
                if (!closed[0]) {
                  LOG.warn("StatefulSet {} watch failed, retrying: {}", pod.statefulSet(), t);
                }
                return !closed[0];
              }
            })
        .addEventHandler(
            new ResourceEventHandler<>() {
              @Override
              public void onAdd(StatefulSet set) {
                observe(pod, set, listener);
              }

              @Override
              public void onUpdate(StatefulSet oldSet, StatefulSet set) {
                observe(pod, set, listener);
              }

              @Override
              public void onDelete(StatefulSet set, boolean finalStateUnknown) {
                LOG.warn(
                    "StatefulSet {}/{} was deleted; keeping the current shard assignment",
                    pod.namespace(),
                    pod.statefulSet());
              }
            });
    informer.start();
    return new FleetWatch(informer, closed);
  }

  private static void observe(StatefulSetPod pod, StatefulSet set, FleetListener listener) {
    try {
      int total = replicas(set);
      if (pod.ordinal() >= total) {
        LOG.info(
            "pod {} has ordinal {} but StatefulSet {} wants {} replicas (this pod is being"
                + " removed); keeping the current shard assignment",
            pod.pod(),
            pod.ordinal(),
            pod.statefulSet(),
            total);
        return;
      }
      listener.observed(new Shard(pod.ordinal(), total), ready(set, total));
    } catch (RuntimeException e) {
      LOG.warn("StatefulSet {}: cannot read the shard assignment: {}", pod.statefulSet(), e);
    }
  }

  private static int replicas(StatefulSet set) {
    Integer replicas = set.getSpec() == null ? null : set.getSpec().getReplicas();
    return replicas == null ? 1 : replicas;
  }

  private static boolean ready(StatefulSet set, int total) {
    if (set.getStatus() == null) {
      return false;
    }
    Integer readyReplicas = set.getStatus().getReadyReplicas();
    Long observed = set.getStatus().getObservedGeneration();
    Long generation = set.getMetadata() == null ? null : set.getMetadata().getGeneration();
    return readyReplicas != null
        && readyReplicas >= total
        && (observed == null || generation == null || observed >= generation);
  }

  /** Stops watching; idempotent. */
  @Override
  public void close() {
    synchronized (closed) {
      closed[0] = true;
    }
    try {
      informer.close();
    } catch (RuntimeException e) {
      LOG.warn("stopping the StatefulSet watch failed: {}", e.toString());
    }
  }
}
