package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.metrics.Stability.STABLE;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestSpec;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestStatus;
import java.util.List;

/**
 * CertificateSigningRequest families ({@code certificatesigningrequests}); identity {@code
 * certificatesigningrequest}, {@code signer_name} ({@code spec.signerName}, empty when unset).
 */
public final class CertificateSigningRequests extends KubernetesKind<CertificateSigningRequest> {

  public CertificateSigningRequests() {
    super(
        CertificateSigningRequest.class,
        Identity.<CertificateSigningRequest>named("certificatesigningrequest")
            .and("signer_name", csr -> spec(csr).getSignerName()));
  }

  @Override
  public List<Family<CertificateSigningRequest>> families(ResourceOptions options) {
    return List.of(
        annotations("kube_certificatesigningrequest_annotations", ALPHA, options),
        labels("kube_certificatesigningrequest_labels", STABLE, options),
        created("kube_certificatesigningrequest_created", STABLE),
        gauge("kube_certificatesigningrequest_condition",
            "The number of each certificatesigningrequest condition", STABLE,
            CertificateSigningRequests::condition),
        gauge("kube_certificatesigningrequest_cert_length", "Length of the issued cert", STABLE,
            (csr, out) -> out.sample(decodedLength(status(csr).getCertificate()))));
  }

  private static CertificateSigningRequestSpec spec(CertificateSigningRequest csr) {
    return orZero(csr.getSpec(), CertificateSigningRequestSpec::new);
  }

  private static CertificateSigningRequestStatus status(CertificateSigningRequest csr) {
    return orZero(csr.getStatus(), CertificateSigningRequestStatus::new);
  }

  /**
   * Always three samples, {@code approved}, {@code denied}, {@code failed}, each the number of
   * conditions of that exact type (the TSV value column); other types are not counted.
   */
  private static void condition(CertificateSigningRequest csr, Samples out) {
    int approved = 0;
    int denied = 0;
    int failed = 0;
    for (CertificateSigningRequestCondition c :
        items(status(csr).getConditions(), CertificateSigningRequestCondition::new)) {
      String type = c.getType();
      if ("Approved".equals(type)) {
        approved++;
      } else if ("Denied".equals(type)) {
        denied++;
      } else if ("Failed".equals(type)) {
        failed++;
      }
    }
    out.sample("condition", "approved", approved);
    out.sample("condition", "denied", denied);
    out.sample("condition", "failed", failed);
  }

  /**
   * The number of bytes {@code status.certificate} holds. The API carries the bytes as padded
   * standard base64 text, which fabric8 keeps as a string, while KSM measures the decoded bytes;
   * so the length is computed from the text as Go's decoder reads it (CR and LF skipped, padding
   * required). 0 when unset, and when the text is not valid base64: Go decodes nothing into the
   * field, which keeps its zero value, an empty slice. Allocates nothing.
   */
  static int decodedLength(String base64) {
    if (base64 == null) {
      return 0;
    }
    int symbols = 0;
    int padding = 0;
    for (int i = 0; i < base64.length(); i++) {
      char c = base64.charAt(i);
      if (c == '\r' || c == '\n') {
        continue;
      }
      if (c == '=') {
        padding++;
      } else if (padding > 0 || !isBase64Symbol(c)) {
        return 0;
      }
      symbols++;
    }
    if (symbols % 4 != 0 || padding > 2) {
      return 0;
    }
    return symbols / 4 * 3 - padding;
  }

  private static boolean isBase64Symbol(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
        || c == '+' || c == '/';
  }
}
