package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpec;
import java.util.List;

/**
 * ValidatingAdmissionPolicy families ({@code validatingadmissionpolicies}); identity {@code
 * namespace} (cluster-scoped, so empty unless the object carries one), {@code
 * validatingadmissionpolicy}.
 */
public final class ValidatingAdmissionPolicies extends KubernetesKind<ValidatingAdmissionPolicy> {

  public ValidatingAdmissionPolicies() {
    super(ValidatingAdmissionPolicy.class, Identity.namespaced("validatingadmissionpolicy"));
  }

  @Override
  public List<Family<ValidatingAdmissionPolicy>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_validatingadmissionpolicy_info",
            "Information about the ValidatingAdmissionPolicy.", ALPHA,
            ValidatingAdmissionPolicies::info),
        created("kube_validatingadmissionpolicy_created", "Unix creation timestamp.", ALPHA));
  }

  /** {@code failurePolicy} is a Go pointer: empty when absent, not the API server's default. */
  private static void info(ValidatingAdmissionPolicy p, Samples out) {
    ValidatingAdmissionPolicySpec spec = orZero(p.getSpec(), ValidatingAdmissionPolicySpec::new);
    AdmissionParams.kind(out.begin(), spec.getParamKind())
        .label("failure_policy", spec.getFailurePolicy())
        .value(1);
  }
}
