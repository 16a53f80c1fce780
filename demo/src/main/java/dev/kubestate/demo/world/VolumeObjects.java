package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeNodeAffinity;
import io.fabric8.kubernetes.api.model.VolumeNodeAffinityBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The core/v1 storage objects of the demo, as their creators, the provisioners and the binder make
 * them: a new claim, the volume a CSI driver provisions for it, a local volume, and the binding of
 * a claim and a volume to each other. Used both to generate a cluster and by its churn. Stateless.
 */
final class VolumeObjects {

  /** Capacity of the instance-store disk a local volume stands for. */
  private static final String LOCAL_DISK = "1769Gi";

  private VolumeObjects() {}

  /**
   * A new claim as its creator sends it and the binder first sees it: Pending, no volume, the
   * provisioner of a dynamic class noted.
   */
  static PersistentVolumeClaim pending(
      ClusterRandom random,
      String namespace,
      String name,
      Map<String, String> labels,
      StorageBackend storageClass,
      String size,
      long ageSeconds) {
    PersistentVolumeClaimBuilder claim =
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .withUid(random.uid())
            .withCreationTimestamp(ClusterRandom.before(ageSeconds))
            .withLabels(labels)
            .withAnnotations(new LinkedHashMap<>())
            .withFinalizers("kubernetes.io/pvc-protection")
            .endMetadata()
            .withNewSpec()
            .withAccessModes(storageClass.accessMode)
            .withNewResources()
            .addToRequests("storage", new Quantity(size))
            .endResources()
            .withStorageClassName(storageClass.className)
            .withVolumeMode("Filesystem")
            .endSpec()
            .withNewStatus()
            .withPhase("Pending")
            .endStatus();
    if (storageClass.dynamic()) {
      claim
          .editMetadata()
          .addToAnnotations(
              "volume.beta.kubernetes.io/storage-provisioner", storageClass.provisioner)
          .addToAnnotations("volume.kubernetes.io/storage-provisioner", storageClass.provisioner)
          .endMetadata();
    }
    return claim.build();
  }

  /**
   * The volume the CSI driver of {@code claim}'s class creates for it, {@code ageSeconds} before
   * {@link ClusterRandom#EPOCH} (negative: after), in {@code zone} when the class is zonal (null:
   * no zone); named {@code pvc-<claim UID>} as external provisioners name them, bound to the claim.
   */
  static PersistentVolume provisioned(
      ClusterRandom random, PersistentVolumeClaim claim, String zone, long ageSeconds) {
    StorageBackend storageClass = StorageBackend.named(claim.getSpec().getStorageClassName());
    boolean ebs = storageClass == StorageBackend.GP3;
    String handle =
        ebs ? "vol-0" + random.hex(16) : "fs-" + random.hex(8) + "::fsap-0" + random.hex(16);
    PersistentVolumeBuilder pv =
        volume(
                random,
                "pvc-" + claim.getMetadata().getUid(),
                claim.getSpec().getResources().getRequests().get("storage").toString(),
                storageClass.accessMode,
                storageClass.className,
                "Delete",
                ageSeconds)
            .editMetadata()
            .addToAnnotations("pv.kubernetes.io/provisioned-by", storageClass.provisioner)
            .addToAnnotations("volume.kubernetes.io/provisioner-deletion-secret-name", "")
            .addToAnnotations("volume.kubernetes.io/provisioner-deletion-secret-namespace", "")
            .withFinalizers(
                "external-provisioner.volume.kubernetes.io/finalizer",
                "kubernetes.io/pv-protection")
            .endMetadata()
            .editSpec()
            .withNewCsi()
            .withDriver(storageClass.provisioner)
            .withVolumeHandle(handle)
            .withFsType(ebs ? "ext4" : null)
            .addToVolumeAttributes(
                "storage.kubernetes.io/csiProvisionerIdentity",
                // The driver's start time in ms, its port and name, as external-provisioner writes
                // it.
                (ClusterRandom.EPOCH.toEpochMilli() - random.between(86_400_000, 2_000_000_000))
                    + "-8081-"
                    + storageClass.provisioner)
            .endCsi()
            .endSpec();
    if (ebs && zone != null) {
      pv.editSpec().withNodeAffinity(affinity("topology.kubernetes.io/zone", zone)).endSpec();
    }
    return pv.build();
  }

  /** Marks {@code claim} and {@code volume} bound to each other, as the binder does. */
  static void bind(PersistentVolumeClaim claim, PersistentVolume volume) {
    volume
        .getSpec()
        .setClaimRef(
            claimRef(
                claim.getMetadata().getNamespace(),
                claim.getMetadata().getName(),
                claim.getMetadata().getUid()));
    volume.getStatus().setPhase("Bound");
    claim.getSpec().setVolumeName(volume.getMetadata().getName());
    claim.getMetadata().getAnnotations().put("pv.kubernetes.io/bind-completed", "yes");
    claim.getMetadata().getAnnotations().put("pv.kubernetes.io/bound-by-controller", "yes");
    claim.setStatus(
        new PersistentVolumeClaimStatusBuilder()
            .withPhase("Bound")
            .withAccessModes(volume.getSpec().getAccessModes())
            .withCapacity(volume.getSpec().getCapacity())
            .build());
  }

  /** A local volume on {@code node}'s NVMe disk, set up before {@code claim} and bound to it. */
  static PersistentVolume local(
      ClusterRandom random, PersistentVolumeClaim claim, Node node, long ageSeconds) {
    return volume(
            random,
            "local-pv-" + random.hex(8),
            LOCAL_DISK,
            "ReadWriteOnce",
            StorageBackend.LOCAL_NVME.className,
            "Retain",
            ageSeconds)
        .editMetadata()
        .addToAnnotations(
            "pv.kubernetes.io/provisioned-by", "local-volume-provisioner-" + name(node))
        .addToLabels("storage.kubernetes.io/node", name(node))
        .withFinalizers("kubernetes.io/pv-protection")
        .endMetadata()
        .editSpec()
        .withNewLocal()
        .withPath("/mnt/disks/nvme1n1")
        .endLocal()
        .withNodeAffinity(affinity("kubernetes.io/hostname", name(node)))
        .endSpec()
        .build();
  }

  static PersistentVolumeBuilder volume(
      ClusterRandom random,
      String name,
      String size,
      String accessMode,
      String className,
      String reclaimPolicy,
      long ageSeconds) {
    String created = ClusterRandom.before(ageSeconds);
    return new PersistentVolumeBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid(random.uid())
        .withCreationTimestamp(created)
        .withFinalizers("kubernetes.io/pv-protection")
        .endMetadata()
        .withNewSpec()
        .withAccessModes(accessMode)
        .addToCapacity("storage", new Quantity(size))
        .withPersistentVolumeReclaimPolicy(reclaimPolicy)
        .withStorageClassName(className)
        .withVolumeMode("Filesystem")
        .endSpec()
        .withNewStatus()
        .withPhase("Available")
        .withLastPhaseTransitionTime(created)
        .endStatus();
  }

  static ObjectReference claimRef(String namespace, String name, String uid) {
    return new ObjectReferenceBuilder()
        .withApiVersion("v1")
        .withKind("PersistentVolumeClaim")
        .withNamespace(namespace)
        .withName(name)
        .withUid(uid)
        .build();
  }

  private static VolumeNodeAffinity affinity(String key, String value) {
    return new VolumeNodeAffinityBuilder()
        .withNewRequired()
        .addNewNodeSelectorTerm()
        .addNewMatchExpression()
        .withKey(key)
        .withOperator("In")
        .withValues(value)
        .endMatchExpression()
        .endNodeSelectorTerm()
        .endRequired()
        .build();
  }

  private static String name(Node node) {
    return node.getMetadata().getName();
  }
}
