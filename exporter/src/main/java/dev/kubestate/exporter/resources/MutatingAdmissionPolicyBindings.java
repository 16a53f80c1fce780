package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingAdmissionPolicyBindingSpec;
import java.util.List;

/**
 * MutatingAdmissionPolicyBinding families ({@code mutatingadmissionpolicybindings}); identity
 * {@code namespace} (cluster-scoped, so empty unless the object carries one), {@code
 * mutatingadmissionpolicybinding}.
 */
public final class MutatingAdmissionPolicyBindings
    extends KubernetesKind<MutatingAdmissionPolicyBinding> {

  public MutatingAdmissionPolicyBindings() {
    super(
        MutatingAdmissionPolicyBinding.class,
        Identity.namespaced("mutatingadmissionpolicybinding"));
  }

  @Override
  public List<Family<MutatingAdmissionPolicyBinding>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_mutatingadmissionpolicybinding_info",
            "Information about the MutatingAdmissionPolicyBinding.", ALPHA,
            MutatingAdmissionPolicyBindings::info),
        created("kube_mutatingadmissionpolicybinding_created", "Unix creation timestamp.", ALPHA));
  }

  private static void info(MutatingAdmissionPolicyBinding b, Samples out) {
    MutatingAdmissionPolicyBindingSpec spec =
        orZero(b.getSpec(), MutatingAdmissionPolicyBindingSpec::new);
    AdmissionParams.ref(out.begin().label("policy_name", spec.getPolicyName()), spec.getParamRef())
        .value(1);
  }
}
