package dev.kubestate.exporter.demo;

/**
 * The storage classes of a synthetic cluster, as an EKS cluster with the EBS and EFS CSI drivers
 * and a local static provisioner has them: each class's name, provisioner, and the access mode its
 * volumes offer. Immutable.
 */
enum StorageClass {
  GP3("gp3", "ebs.csi.aws.com", "ReadWriteOnce"),
  EFS("efs-sc", "efs.csi.aws.com", "ReadWriteMany"),
  LOCAL_NVME("local-nvme", "kubernetes.io/no-provisioner", "ReadWriteOnce");

  final String className;
  final String provisioner;
  final String accessMode;

  StorageClass(String className, String provisioner, String accessMode) {
    this.className = className;
    this.provisioner = provisioner;
    this.accessMode = accessMode;
  }

  /** The class named {@code name}, or null. */
  static StorageClass named(String name) {
    for (StorageClass c : values()) {
      if (c.className.equals(name)) {
        return c;
      }
    }
    return null;
  }
}
