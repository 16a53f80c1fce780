package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.resources.GoFields.items;
import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec;
import java.util.List;

/**
 * ValidatingAdmissionPolicyBinding families ({@code validatingadmissionpolicybindings}); identity
 * {@code namespace} (cluster-scoped, so empty unless the object carries one), {@code
 * validatingadmissionpolicybinding}.
 */
public final class ValidatingAdmissionPolicyBindings
    extends KubernetesKind<ValidatingAdmissionPolicyBinding> {

  public ValidatingAdmissionPolicyBindings() {
    super(
        ValidatingAdmissionPolicyBinding.class,
        Identity.namespaced("validatingadmissionpolicybinding"));
  }

  @Override
  public List<Family<ValidatingAdmissionPolicyBinding>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_validatingadmissionpolicybinding_info",
            "Information about the ValidatingAdmissionPolicyBinding.", ALPHA,
            ValidatingAdmissionPolicyBindings::info),
        created("kube_validatingadmissionpolicybinding_created", "Unix creation timestamp.", ALPHA),
        gauge("kube_validatingadmissionpolicybinding_validation_action",
            "Validation actions for the ValidatingAdmissionPolicyBinding.", ALPHA,
            ValidatingAdmissionPolicyBindings::validationAction));
  }

  private static ValidatingAdmissionPolicyBindingSpec spec(ValidatingAdmissionPolicyBinding b) {
    return orZero(b.getSpec(), ValidatingAdmissionPolicyBindingSpec::new);
  }

  private static void info(ValidatingAdmissionPolicyBinding b, Samples out) {
    ValidatingAdmissionPolicyBindingSpec spec = spec(b);
    AdmissionParams.ref(out.begin().label("policy_name", spec.getPolicyName()), spec.getParamRef())
        .value(1);
  }

  /** One sample per {@code spec.validationActions} entry, in spec order, duplicates kept. */
  private static void validationAction(ValidatingAdmissionPolicyBinding b, Samples out) {
    for (String action : items(spec(b).getValidationActions())) {
      out.sample("action", action, 1);
    }
  }
}
