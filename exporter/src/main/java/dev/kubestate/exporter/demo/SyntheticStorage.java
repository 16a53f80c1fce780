package dev.kubestate.exporter.demo;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Persistent volumes and claims of a synthetic cluster, as the workloads ask for them: claims bound
 * to volumes their class provisioned (EBS and EFS through CSI, local NVMe disks set up per node),
 * plus what a cluster accumulates: an NFS volume nobody claims (Available), a hostPath volume whose
 * claim was deleted (Released), an EBS volume whose deletion failed (Failed), and a claim still
 * waiting for its volume (Pending). Binding is consistent both ways: a bound claim names its
 * volume, and that volume's {@code claimRef} names the claim with its UID. Collects into mutable
 * lists; not thread-safe.
 */
final class SyntheticStorage {

  private final List<PersistentVolume> volumes = new ArrayList<>();
  private final List<PersistentVolumeClaim> claims = new ArrayList<>();

  List<PersistentVolume> volumes() {
    return volumes;
  }

  List<PersistentVolumeClaim> claims() {
    return claims;
  }

  /**
   * Claim {@code name} in {@code namespace} for {@code size} of class {@code storageClass}, created
   * {@code ageSeconds} before {@link ClusterRandom#EPOCH}, for a pod placed on {@code node}: bound
   * to a volume made for it on that node or in its zone; null: the claim waits for its pod to be
   * scheduled, Pending.
   */
  PersistentVolumeClaim claim(
      ClusterRandom random,
      String namespace,
      String name,
      Map<String, String> labels,
      StorageClass storageClass,
      String size,
      long ageSeconds,
      Node node) {
    PersistentVolumeClaim claim =
        VolumeObjects.pending(random, namespace, name, labels, storageClass, size, ageSeconds);
    claims.add(claim);
    if (node != null) {
      PersistentVolume volume =
          storageClass == StorageClass.LOCAL_NVME
              ? VolumeObjects.local(random, claim, node, ageSeconds + random.between(600, 7200))
              : VolumeObjects.provisioned(random, claim, SyntheticNodes.zone(node), ageSeconds - 3);
      claim
          .getMetadata()
          .getAnnotations()
          .put("volume.kubernetes.io/selected-node", node.getMetadata().getName());
      VolumeObjects.bind(claim, volume);
      volumes.add(volume);
    }
    return claim;
  }

  /**
   * Adds what a cluster accumulates besides bound pairs: an Available NFS volume, a Released
   * hostPath volume, a Failed EBS volume, and a Pending EFS claim in {@code namespace}.
   */
  void addLeftovers(ClusterRandom random, String namespace) {
    volumes.add(
        VolumeObjects.volume(
                random, "nfs-archive", "500Gi", "ReadWriteMany", null, "Retain", 200 * 86400)
            .editSpec()
            .withNewNfs()
            .withServer("fs-" + random.hex(8) + ".efs." + SyntheticNodes.REGION + ".amazonaws.com")
            .withPath("/archive")
            .endNfs()
            .endSpec()
            .editStatus()
            .withPhase("Available")
            .endStatus()
            .build());
    volumes.add(
        VolumeObjects.volume(
                random, "registry-cache", "200Gi", "ReadWriteOnce", "manual", "Retain", 150 * 86400)
            .editSpec()
            .withNewHostPath()
            .withPath("/mnt/data/registry-cache")
            .withType("DirectoryOrCreate")
            .endHostPath()
            .withClaimRef(VolumeObjects.claimRef(namespace, "registry-cache", random.uid()))
            .endSpec()
            .editStatus()
            .withPhase("Released")
            .withLastPhaseTransitionTime(ClusterRandom.before(9 * 86400))
            .endStatus()
            .build());
    String handle = "vol-0" + random.hex(16);
    volumes.add(
        VolumeObjects.volume(
                random, "pvc-" + random.uid(), "20Gi", "ReadWriteOnce", "gp3", "Delete", 60 * 86400)
            .editSpec()
            .withNewCsi()
            .withDriver(StorageClass.GP3.provisioner)
            .withVolumeHandle(handle)
            .withFsType("ext4")
            .endCsi()
            .withClaimRef(VolumeObjects.claimRef(namespace, "scratch", random.uid()))
            .endSpec()
            .editStatus()
            .withPhase("Failed")
            .withReason("VolumeFailedDelete")
            .withMessage(
                "rpc error: code = Internal desc = Could not delete volume ID \""
                    + handle
                    + "\": VolumeInUse: Volume "
                    + handle
                    + " is currently attached to i-0"
                    + random.hex(16))
            .withLastPhaseTransitionTime(ClusterRandom.before(2 * 86400))
            .endStatus()
            .build());
    String team = namespace.substring(namespace.indexOf('-') + 1);
    claims.add(
        VolumeObjects.pending(
            random,
            namespace,
            team + "-uploads",
            Map.of("app.kubernetes.io/part-of", namespace),
            StorageClass.EFS,
            "100Gi",
            random.between(120, 3600)));
  }
}
