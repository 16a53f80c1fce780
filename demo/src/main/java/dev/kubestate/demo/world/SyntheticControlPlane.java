package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * What the control plane and the kubelets keep in a synthetic cluster: Leases (each node's
 * heartbeat in {@code kube-node-lease}, owned by its node and renewed within the last ten seconds
 * unless the node is not ready; the leader-election leases of the scheduler, the controller manager
 * and the add-ons, held by one of their instances; one identity lease per API server) and
 * CertificateSigningRequests ({@link CertificateRequests}). Immutable.
 *
 * @param leases the leases, node leases first
 * @param certificateSigningRequests the certificate signing requests
 */
public record SyntheticControlPlane(
    List<Lease> leases, List<CertificateSigningRequest> certificateSigningRequests) {

  /** Namespace of the node heartbeat leases. */
  static final String NODE_LEASES = "kube-node-lease";

  /** How long a node lease lasts, in seconds, as the kubelet sets it. */
  static final int NODE_LEASE_SECONDS = 40;

  /** Leader-election leases of add-ons: namespace, lease name, the deployment holding it. */
  private record Leader(String namespace, String lease, String app) {}

  private static final List<Leader> ADD_ON_LEADERS =
      List.of(
          new Leader(
              "kube-system", "aws-load-balancer-controller-leader", "aws-load-balancer-controller"),
          new Leader("kube-system", "cert-manager-controller", "cert-manager"),
          new Leader("ingress-nginx", "ingress-nginx-leader", "ingress-nginx-controller"),
          new Leader("monitoring", "prometheus-operator", "prometheus-operator"));

  public SyntheticControlPlane {
    leases = List.copyOf(leases);
    certificateSigningRequests = List.copyOf(certificateSigningRequests);
  }

  /** The leases and requests of a cluster with {@code nodes} and {@code pods}. */
  static SyntheticControlPlane generate(
      ClusterRandom random, String clusterBirth, List<Node> nodes, List<Pod> pods) {
    List<Lease> leases = new ArrayList<>();
    for (Node n : nodes) {
      leases.add(nodeLease(random, n));
    }
    List<Node> controlPlanes =
        nodes.stream()
            .filter(n -> n.getMetadata().getLabels().containsKey(SyntheticNodes.CONTROL_PLANE))
            .toList();
    for (String component : List.of("kube-scheduler", "kube-controller-manager")) {
      String holder =
          controlPlanes.isEmpty()
              ? null
              : random.pick(controlPlanes).getMetadata().getName() + "_" + random.uid();
      leases.add(lease(random, "kube-system", component, holder, 15, clusterBirth));
    }
    for (Node n : controlPlanes) {
      Lease identity =
          lease(
              random,
              "kube-system",
              "apiserver-" + random.suffix(26),
              "apiserver-" + random.uid() + "_" + random.uid(),
              3600,
              n.getMetadata().getCreationTimestamp());
      identity.getMetadata().getLabels().put("apiserver.kubernetes.io/identity", "kube-apiserver");
      identity.getMetadata().getLabels().put("kubernetes.io/hostname", n.getMetadata().getName());
      leases.add(identity);
    }
    for (Leader l : ADD_ON_LEADERS) {
      Pod holder = runningPod(pods, l.namespace(), l.app());
      leases.add(
          lease(
              random,
              l.namespace(),
              l.lease(),
              holder == null ? null : holder.getMetadata().getName() + "_" + random.uid(),
              15,
              clusterBirth));
    }
    return new SyntheticControlPlane(leases, CertificateRequests.generate(random, nodes));
  }

  /** The heartbeat lease of {@code node}. */
  private static Lease nodeLease(ClusterRandom random, Node node) {
    String name = node.getMetadata().getName();
    NodeCondition ready = null;
    for (NodeCondition c : node.getStatus().getConditions()) {
      if ("Ready".equals(c.getType())) {
        ready = c;
      }
    }
    // A node that is not ready stopped renewing its lease a grace period before it was marked so.
    Instant renewed =
        ready != null && "False".equals(ready.getStatus())
            ? Instant.parse(ready.getLastTransitionTime()).minusSeconds(NODE_LEASE_SECONDS)
            : ClusterRandom.EPOCH.minusMillis(random.between(500, 10_000));
    return new LeaseBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(NODE_LEASES)
        .withUid(random.uid())
        .withCreationTimestamp(node.getMetadata().getCreationTimestamp())
        .withOwnerReferences(
            new OwnerReferenceBuilder()
                .withApiVersion("v1")
                .withKind("Node")
                .withName(name)
                .withUid(node.getMetadata().getUid())
                .build())
        .endMetadata()
        .withNewSpec()
        .withHolderIdentity(name)
        .withLeaseDurationSeconds(NODE_LEASE_SECONDS)
        .withRenewTime(microTime(renewed.plusNanos(random.below(1000) * 1000L)))
        .endSpec()
        .build();
  }

  /**
   * A leader-election lease held by {@code holder} (null: released) for {@code durationSeconds},
   * renewed within the last two seconds.
   */
  private static Lease lease(
      ClusterRandom random,
      String namespace,
      String name,
      String holder,
      int durationSeconds,
      String created) {
    Instant renewed = ClusterRandom.EPOCH.minusMillis(random.between(100, 2_000));
    return new LeaseBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(namespace)
        .withUid(random.uid())
        .withCreationTimestamp(created)
        .withLabels(new LinkedHashMap<>())
        .endMetadata()
        .withNewSpec()
        .withHolderIdentity(holder)
        .withLeaseDurationSeconds(durationSeconds)
        .withAcquireTime(
            holder == null ? null : microTime(renewed.minusSeconds(random.between(600, 86400))))
        .withRenewTime(holder == null ? null : microTime(renewed))
        .withLeaseTransitions(random.below(12))
        .endSpec()
        .build();
  }

  /** {@code t} as fabric8 carries a MicroTime. */
  static ZonedDateTime microTime(Instant t) {
    return ZonedDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  /** The first running pod of deployment {@code app} in {@code namespace}, or null. */
  private static Pod runningPod(List<Pod> pods, String namespace, String app) {
    for (Pod p : pods) {
      if (p.getMetadata().getNamespace().equals(namespace)
          && app.equals(p.getMetadata().getLabels().get("app.kubernetes.io/name"))
          && SyntheticWorkloads.isReady(p)) {
        return p;
      }
    }
    return null;
  }
}
