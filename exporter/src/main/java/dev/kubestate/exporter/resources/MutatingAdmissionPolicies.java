package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingAdmissionPolicySpec;
import java.util.List;

/**
 * MutatingAdmissionPolicy families ({@code mutatingadmissionpolicies}); identity {@code namespace}
 * (cluster-scoped, so empty unless the object carries one), {@code mutatingadmissionpolicy}.
 */
public final class MutatingAdmissionPolicies extends KubernetesKind<MutatingAdmissionPolicy> {

  public MutatingAdmissionPolicies() {
    super(MutatingAdmissionPolicy.class, Identity.namespaced("mutatingadmissionpolicy"));
  }

  @Override
  public List<Family<MutatingAdmissionPolicy>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_mutatingadmissionpolicy_info",
            "Information about the MutatingAdmissionPolicy.", ALPHA,
            MutatingAdmissionPolicies::info),
        created("kube_mutatingadmissionpolicy_created", "Unix creation timestamp.", ALPHA));
  }

  /**
   * {@code failurePolicy} is a Go pointer and {@code reinvocationPolicy} a Go string: both empty
   * when absent, not the API server's defaults.
   */
  private static void info(MutatingAdmissionPolicy p, Samples out) {
    MutatingAdmissionPolicySpec spec = orZero(p.getSpec(), MutatingAdmissionPolicySpec::new);
    AdmissionParams.kind(out.begin(), spec.getParamKind())
        .label("failure_policy", spec.getFailurePolicy())
        .label("reinvocation_policy", spec.getReinvocationPolicy())
        .value(1);
  }
}
