package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachment;
import io.fabric8.kubernetes.api.model.storage.VolumeAttachmentBuilder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Storage of a synthetic cluster: its storage classes ({@link #classes}), the volume attachments of
 * the CSI volumes its pods use ({@link #attachments}), and, collected as the workloads ask for
 * them, persistent volumes and claims: claims bound to volumes their class provisioned (EBS and EFS
 * through CSI, local NVMe disks set up per node), plus what a cluster accumulates: an NFS volume
 * nobody claims (Available), a hostPath volume whose claim was deleted (Released), an EBS volume
 * whose deletion failed (Failed), and a claim still waiting for its volume (Pending). Binding is
 * consistent both ways: a bound claim names its volume, and that volume's {@code claimRef} names
 * the claim with its UID. Collects into mutable lists; not thread-safe.
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
      StorageBackend storageClass,
      String size,
      long ageSeconds,
      Node node) {
    PersistentVolumeClaim claim =
        VolumeObjects.pending(random, namespace, name, labels, storageClass, size, ageSeconds);
    claims.add(claim);
    if (node != null) {
      PersistentVolume volume =
          storageClass == StorageBackend.LOCAL_NVME
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
    volumes.add(available(random));
    volumes.add(released(random, namespace));
    volumes.add(failed(random, namespace));
    String team = namespace.substring(namespace.indexOf('-') + 1);
    claims.add(
        VolumeObjects.pending(
            random,
            namespace,
            team + "-uploads",
            Map.of("app.kubernetes.io/part-of", namespace),
            StorageBackend.EFS,
            "100Gi",
            random.between(120, 3600)));
  }

  /** An Available NFS volume: an archive no claim uses. */
  private static PersistentVolume available(ClusterRandom random) {
    return VolumeObjects.volume(
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
        .build();
  }

  /** A Released hostPath volume, whose claim in {@code namespace} was deleted. */
  private static PersistentVolume released(ClusterRandom random, String namespace) {
    return VolumeObjects.volume(
            random,
            "registry-cache",
            "200Gi",
            "ReadWriteOnce",
            StorageBackend.HOST_PATH.className,
            "Retain",
            150 * 86400)
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
        .build();
  }

  /** A Failed EBS volume, which could not be deleted while attached. */
  private static PersistentVolume failed(ClusterRandom random, String namespace) {
    String handle = "vol-0" + random.hex(16);
    return VolumeObjects.volume(
            random,
            "pvc-" + random.uid(),
            "20Gi",
            "ReadWriteOnce",
            StorageBackend.GP3.className,
            "Delete",
            60 * 86400)
        .editSpec()
        .withNewCsi()
        .withDriver(StorageBackend.GP3.provisioner)
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
        .build();
  }

  /**
   * A storage class per {@link StorageBackend}, in its order, created {@code ageSeconds} before
   * {@link ClusterRandom#EPOCH} or later; GP3 the default class.
   */
  static List<StorageClass> classes(ClusterRandom random, long ageSeconds) {
    List<StorageClass> out = new ArrayList<>();
    for (StorageBackend b : StorageBackend.values()) {
      StorageClassBuilder c =
          new StorageClassBuilder()
              .withNewMetadata()
              .withName(b.className)
              .withUid(random.uid())
              .withCreationTimestamp(
                  ClusterRandom.before(
                      b == StorageBackend.GP2
                          ? ageSeconds
                          : random.between(86400, (int) ageSeconds)))
              .endMetadata()
              .withProvisioner(b.provisioner)
              .withParameters(new TreeMap<>(b.parameters))
              .withReclaimPolicy(b.dynamic() ? "Delete" : "Retain")
              .withVolumeBindingMode(b.bindingMode)
              .withAllowVolumeExpansion(b.expandable ? Boolean.TRUE : null);
      if (b == StorageBackend.GP3) {
        c.editMetadata()
            .addToAnnotations("storageclass.kubernetes.io/is-default-class", "true")
            .endMetadata();
      }
      out.add(c.build());
    }
    return List.copyOf(out);
  }

  /**
   * One VolumeAttachment per EBS volume a pod placed on a node mounts through a bound claim, in pod
   * order, named as the CSI attacher names it; attached unless the pod is still creating its
   * containers (the attach in progress).
   */
  static List<VolumeAttachment> attachments(
      ClusterRandom random,
      List<Pod> pods,
      List<PersistentVolumeClaim> claims,
      List<PersistentVolume> volumes) {
    Map<String, PersistentVolumeClaim> claimsByName = new HashMap<>();
    claims.forEach(
        c -> claimsByName.put(c.getMetadata().getNamespace() + "/" + c.getMetadata().getName(), c));
    Map<String, PersistentVolume> volumesByName = new HashMap<>();
    volumes.forEach(v -> volumesByName.put(v.getMetadata().getName(), v));
    List<VolumeAttachment> out = new ArrayList<>();
    for (Pod pod : pods) {
      String node = pod.getSpec().getNodeName();
      if (node == null || pod.getSpec().getVolumes() == null) {
        continue;
      }
      for (Volume v : pod.getSpec().getVolumes()) {
        PersistentVolumeClaim claim =
            v.getPersistentVolumeClaim() == null
                ? null
                : claimsByName.get(
                    pod.getMetadata().getNamespace()
                        + "/"
                        + v.getPersistentVolumeClaim().getClaimName());
        PersistentVolume volume =
            claim == null ? null : volumesByName.get(claim.getSpec().getVolumeName());
        if (volume != null
            && volume.getSpec().getCsi() != null
            && StorageBackend.GP3.provisioner.equals(volume.getSpec().getCsi().getDriver())) {
          out.add(attachment(random, pod, volume, node));
        }
      }
    }
    return List.copyOf(out);
  }

  private static VolumeAttachment attachment(
      ClusterRandom random, Pod pod, PersistentVolume volume, String node) {
    String attacher = volume.getSpec().getCsi().getDriver();
    boolean attached = !"Pending".equals(pod.getStatus().getPhase());
    long podAge =
        ClusterRandom.secondsBefore(Instant.parse(pod.getMetadata().getCreationTimestamp()));
    VolumeAttachmentBuilder va =
        new VolumeAttachmentBuilder()
            .withNewMetadata()
            .withName(attachmentName(volume.getSpec().getCsi().getVolumeHandle(), attacher, node))
            .withUid(random.uid())
            .withCreationTimestamp(ClusterRandom.before(podAge - 1))
            .withFinalizers("external-attacher/" + attacher.replace('.', '-'))
            .endMetadata()
            .withNewSpec()
            .withAttacher(attacher)
            .withNodeName(node)
            .withNewSource()
            .withPersistentVolumeName(volume.getMetadata().getName())
            .endSource()
            .endSpec()
            .withNewStatus()
            .withAttached(attached)
            .endStatus();
    if (attached) {
      va.editStatus()
          .addToAttachmentMetadata("devicePath", "/dev/xvda" + (char) ('a' + random.below(26)))
          .endStatus();
    }
    return va.build();
  }

  /** {@code csi-} and the SHA-256 of handle, attacher and node, as the CSI attacher names it. */
  private static String attachmentName(String handle, String attacher, String node) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((handle + attacher + node).getBytes(StandardCharsets.UTF_8));
      return "csi-" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
