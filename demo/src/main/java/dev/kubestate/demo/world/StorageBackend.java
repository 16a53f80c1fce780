package dev.kubestate.demo.world;

import java.util.Map;

/**
 * The storage backends of a synthetic cluster, each offered as one storage class, as an EKS cluster
 * with the EBS and EFS CSI drivers, a local static provisioner and a hand-made class for host paths
 * has them: the class's name, provisioner, the access mode its volumes offer, how it binds, and its
 * parameters. GP3 is the default class; GP2 is the in-tree class EKS creates, kept but no longer
 * default. Immutable.
 */
enum StorageBackend {
  GP3(
      "gp3",
      "ebs.csi.aws.com",
      "ReadWriteOnce",
      "WaitForFirstConsumer",
      true,
      Map.of("type", "gp3", "encrypted", "true", "csi.storage.k8s.io/fstype", "ext4")),
  GP2(
      "gp2",
      "kubernetes.io/aws-ebs",
      "ReadWriteOnce",
      "WaitForFirstConsumer",
      false,
      Map.of("type", "gp2", "fsType", "ext4")),
  EFS(
      "efs-sc",
      "efs.csi.aws.com",
      "ReadWriteMany",
      "Immediate",
      false,
      Map.of("provisioningMode", "efs-ap", "directoryPerms", "700", "basePath", "/dynamic")),
  LOCAL_NVME(
      "local-nvme",
      "kubernetes.io/no-provisioner",
      "ReadWriteOnce",
      "WaitForFirstConsumer",
      false,
      Map.of()),
  HOST_PATH(
      "manual", "kubernetes.io/no-provisioner", "ReadWriteOnce", "Immediate", false, Map.of());

  final String className;
  final String provisioner;
  final String accessMode;
  final String bindingMode;
  final boolean expandable;
  final Map<String, String> parameters;

  StorageBackend(
      String className,
      String provisioner,
      String accessMode,
      String bindingMode,
      boolean expandable,
      Map<String, String> parameters) {
    this.className = className;
    this.provisioner = provisioner;
    this.accessMode = accessMode;
    this.bindingMode = bindingMode;
    this.expandable = expandable;
    this.parameters = parameters;
  }

  /** The backend offered as class {@code name}, or null. */
  static StorageBackend named(String name) {
    for (StorageBackend c : values()) {
      if (c.className.equals(name)) {
        return c;
      }
    }
    return null;
  }

  /** Whether volumes of this backend are provisioned on demand by a CSI driver or in-tree. */
  boolean dynamic() {
    return this != LOCAL_NVME && this != HOST_PATH;
  }
}
