package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * CertificateSigningRequests as a cluster holds them within the hour the API server keeps issued
 * ones: kubelets renewing their serving and client certificates (approved by the approvers and
 * issued), one node's serving request still waiting for approval, and one request an administrator
 * denied. Request and certificate bytes are {@link StandInCredentials}. Used to generate a cluster
 * and by its churn. Stateless.
 */
final class CertificateRequests {

  static final String KUBELET_SERVING = "kubernetes.io/kubelet-serving";
  static final String KUBELET_CLIENT = "kubernetes.io/kube-apiserver-client-kubelet";
  static final String CLIENT = "kubernetes.io/kube-apiserver-client";

  /** How many nodes have renewed their certificates within the hour, at most. */
  private static final int RENEWALS = 3;

  private CertificateRequests() {}

  /** The requests of a cluster of {@code nodes}: renewals, one pending, one denied. */
  static List<CertificateSigningRequest> generate(ClusterRandom random, List<Node> nodes) {
    List<CertificateSigningRequest> out = new ArrayList<>();
    for (int i = 0; i < Math.min(RENEWALS, nodes.size()); i++) {
      Node node = nodes.get(random.below(nodes.size()));
      long age = random.between(600, 3000);
      CertificateSigningRequest serving = kubeletServing(random, node, age);
      approve(
          random,
          serving,
          "AutoApproved",
          "Auto approving kubelet serving certificate after SubjectAccessReview.",
          ClusterRandom.before(age - 2));
      out.add(serving);
      if (random.chance(0.5)) {
        CertificateSigningRequest client =
            request(
                random,
                KUBELET_CLIENT,
                "system:node:" + node.getMetadata().getName(),
                List.of("system:nodes", "system:authenticated"),
                List.of("digital signature", "client auth"),
                age + random.between(5, 60));
        approve(
            random,
            client,
            "AutoApproved",
            "Auto approving self kubelet client certificate after SubjectAccessReview.",
            ClusterRandom.before(age));
        out.add(client);
      }
    }
    if (!nodes.isEmpty()) {
      out.add(
          kubeletServing(random, nodes.get(random.below(nodes.size())), random.between(30, 300)));
    }
    CertificateSigningRequest denied =
        request(
            random,
            CLIENT,
            "oidc:contractor@" + SyntheticIngresses.DOMAIN,
            List.of("system:authenticated"),
            List.of("digital signature", "client auth"),
            random.between(900, 3000));
    denied
        .getStatus()
        .getConditions()
        .add(
            new CertificateSigningRequestConditionBuilder()
                .withType("Denied")
                .withStatus("True")
                .withReason("KubectlDeny")
                .withMessage("This CSR was denied by kubectl certificate deny.")
                .withLastUpdateTime(ClusterRandom.before(600))
                .withLastTransitionTime(ClusterRandom.before(600))
                .build());
    out.add(denied);
    return List.copyOf(out);
  }

  /** A new, pending request of {@code node}'s kubelet for a serving certificate. */
  static CertificateSigningRequest kubeletServing(
      ClusterRandom random, Node node, long ageSeconds) {
    return request(
        random,
        KUBELET_SERVING,
        "system:node:" + node.getMetadata().getName(),
        List.of("system:nodes", "system:authenticated"),
        List.of("digital signature", "server auth"),
        ageSeconds);
  }

  /** Whether {@code csr} has no Approved or Denied condition yet. */
  static boolean isPending(CertificateSigningRequest csr) {
    return csr.getStatus() == null
        || csr.getStatus().getConditions() == null
        || csr.getStatus().getConditions().isEmpty();
  }

  /**
   * Approves {@code csr} at {@code now} with {@code reason} and {@code message}, and issues its
   * certificate, as the approver and then the signer do.
   */
  static CertificateSigningRequest approve(
      ClusterRandom random,
      CertificateSigningRequest csr,
      String reason,
      String message,
      String now) {
    if (csr.getStatus() == null) {
      csr.setStatus(new CertificateSigningRequestStatus());
    }
    csr.getStatus()
        .getConditions()
        .add(
            new CertificateSigningRequestConditionBuilder()
                .withType("Approved")
                .withStatus("True")
                .withReason(reason)
                .withMessage(message)
                .withLastUpdateTime(now)
                .withLastTransitionTime(now)
                .build());
    csr.getStatus()
        .setCertificate(StandInCredentials.base64(StandInCredentials.certificate(random)));
    return csr;
  }

  private static CertificateSigningRequest request(
      ClusterRandom random,
      String signer,
      String username,
      List<String> groups,
      List<String> usages,
      long ageSeconds) {
    return new CertificateSigningRequestBuilder()
        .withNewMetadata()
        .withName("csr-" + random.suffix(5))
        .withGenerateName("csr-")
        .withUid(random.uid())
        .withCreationTimestamp(ClusterRandom.before(ageSeconds))
        .endMetadata()
        .withNewSpec()
        .withSignerName(signer)
        .withUsername(username)
        .withGroups(groups)
        .withUsages(usages)
        .withRequest(
            StandInCredentials.base64(StandInCredentials.pem(random, "CERTIFICATE REQUEST", 200)))
        .endSpec()
        .withNewStatus()
        .withConditions(new ArrayList<>())
        .endStatus()
        .build();
  }
}
