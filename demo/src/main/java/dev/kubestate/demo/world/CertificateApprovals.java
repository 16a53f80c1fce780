package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Certificate signing as part of churn, through the API: the oldest pending request is approved and
 * its certificate issued, as the kubelet-serving approver and the signer do; when none waits, a
 * node's kubelet asks for a new serving certificate, which a later step approves. Confined to the
 * churn's thread.
 */
final class CertificateApprovals {

  private final KubernetesClient client;
  private final ClusterRandom random;
  private final List<Node> nodes;
  private final Deque<String> pending = new ArrayDeque<>();

  CertificateApprovals(KubernetesClient client, ClusterRandom random, SyntheticCluster cluster) {
    this.client = client;
    this.random = random;
    this.nodes = cluster.nodes();
    for (CertificateSigningRequest csr : cluster.controlPlane().certificateSigningRequests()) {
      if (CertificateRequests.isPending(csr)) {
        pending.add(csr.getMetadata().getName());
      }
    }
  }

  /** Approves the oldest pending request, or submits one, at {@code clock}'s time. */
  String step(ChurnClock clock) {
    String name = pending.poll();
    if (name == null) {
      if (nodes.isEmpty()) {
        return null;
      }
      Node node = nodes.get(random.below(nodes.size()));
      CertificateSigningRequest csr =
          CertificateRequests.kubeletServing(
              random, node, ClusterRandom.secondsBefore(clock.now()));
      client.resource(csr).create();
      pending.add(csr.getMetadata().getName());
      return "certificatesigningrequest "
          + csr.getMetadata().getName()
          + ": submitted by "
          + csr.getSpec().getUsername();
    }
    String now = clock.text();
    client
        .certificates()
        .v1()
        .certificateSigningRequests()
        .withName(name)
        .editStatus(
            csr ->
                CertificateRequests.approve(
                    random,
                    csr,
                    "AutoApproved",
                    "Auto approving kubelet serving certificate after SubjectAccessReview.",
                    now));
    return "certificatesigningrequest " + name + ": approved and issued";
  }
}
