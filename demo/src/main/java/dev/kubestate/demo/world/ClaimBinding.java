package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Volume provisioning as part of churn, through the API: the oldest claim of a dynamic class still
 * waiting gets a volume its CSI driver provisions for it, and both are marked bound to each other,
 * as the binder does; when none waits, a team asks for a new shared volume (a Pending EFS claim,
 * counted in its namespace's quota), which a later step binds. Confined to the churn's thread.
 */
final class ClaimBinding {

  private final KubernetesClient client;
  private final ClusterRandom random;
  private final Deque<PersistentVolumeClaim> pending = new ArrayDeque<>();

  ClaimBinding(KubernetesClient client, ClusterRandom random, SyntheticCluster cluster) {
    this.client = client;
    this.random = random;
    for (PersistentVolumeClaim c : cluster.persistentVolumeClaims()) {
      StorageBackend storageClass = StorageBackend.named(c.getSpec().getStorageClassName());
      if ("Pending".equals(c.getStatus().getPhase())
          && storageClass != null
          && storageClass.dynamic()) {
        pending.add(c);
      }
    }
  }

  /**
   * Binds the oldest waiting claim, or creates one, at {@code now}; null when the quota is full.
   */
  String step(ChurnClock clock) {
    PersistentVolumeClaim waiting = pending.poll();
    if (waiting == null) {
      return request(clock);
    }
    Resource<PersistentVolumeClaim> resource =
        client
            .persistentVolumeClaims()
            .inNamespace(waiting.getMetadata().getNamespace())
            .withName(waiting.getMetadata().getName());
    PersistentVolumeClaim claim = resource.get();
    if (claim == null) {
      return null;
    }
    String zone = SyntheticNodes.ZONES.get(random.below(SyntheticNodes.ZONES.size()));
    PersistentVolume volume =
        VolumeObjects.provisioned(random, claim, zone, ClusterRandom.secondsBefore(clock.now()));
    VolumeObjects.bind(claim, volume);
    client.resource(volume).create();
    resource.edit(
        c -> {
          c.getMetadata().setAnnotations(claim.getMetadata().getAnnotations());
          c.getSpec().setVolumeName(claim.getSpec().getVolumeName());
          return c;
        });
    resource.editStatus(
        c -> {
          c.setStatus(claim.getStatus());
          return c;
        });
    return "pvc " + name(claim) + ": bound to " + volume.getMetadata().getName();
  }

  /** A team asks for a shared volume: a new Pending claim, unless its quota is used up. */
  private String request(ChurnClock clock) {
    String team = random.pick(SyntheticNamespaces.TEAMS);
    String ns = "team-" + team;
    Resource<ResourceQuota> quota =
        client.resourceQuotas().inNamespace(ns).withName(SyntheticQuotas.NAME);
    ResourceQuota q = quota.get();
    if (q != null && used(q) >= hard(q)) {
      return null;
    }
    PersistentVolumeClaim claim =
        VolumeObjects.pending(
            random,
            ns,
            team + "-shared-" + random.suffix(5),
            Map.of("app.kubernetes.io/part-of", ns),
            StorageBackend.EFS,
            "20Gi",
            ClusterRandom.secondsBefore(clock.now()));
    client.resource(claim).create();
    if (q != null) {
      quota.editStatus(
          x -> {
            x.getStatus().getUsed().put("persistentvolumeclaims", new Quantity("" + (used(x) + 1)));
            return x;
          });
    }
    pending.add(claim);
    return "pvc " + name(claim) + ": created, waiting for a volume";
  }

  private static long used(ResourceQuota q) {
    return q.getStatus().getUsed().get("persistentvolumeclaims").getNumericalAmount().longValue();
  }

  private static long hard(ResourceQuota q) {
    return q.getStatus().getHard().get("persistentvolumeclaims").getNumericalAmount().longValue();
  }

  private static String name(PersistentVolumeClaim c) {
    return c.getMetadata().getNamespace() + "/" + c.getMetadata().getName();
  }
}
