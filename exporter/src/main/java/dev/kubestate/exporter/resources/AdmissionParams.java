package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKind;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;

/**
 * The parameter resource of an admission policy ({@code spec.paramKind}) and of a policy binding
 * ({@code spec.paramRef}), as the labels of the policies' and bindings' {@code _info} families.
 * Both are Go pointers, and KSM writes every label of an absent one empty; the same holds for
 * {@code paramRef.parameterNotFoundAction}. Stateless.
 */
final class AdmissionParams {

  private AdmissionParams() {}

  /** Adds {@code param_api_version} and {@code param_kind} to the begun sample. */
  static Samples kind(Samples sample, ParamKind paramKind) {
    ParamKind kind = paramKind == null ? new ParamKind() : paramKind;
    return sample
        .label("param_api_version", kind.getApiVersion())
        .label("param_kind", kind.getKind());
  }

  /**
   * Adds {@code param_name}, {@code param_namespace} and {@code param_not_found_action} to the
   * begun sample.
   */
  static Samples ref(Samples sample, ParamRef paramRef) {
    ParamRef ref = paramRef == null ? new ParamRef() : paramRef;
    return sample
        .label("param_name", ref.getName())
        .label("param_namespace", ref.getNamespace())
        .label("param_not_found_action", ref.getParameterNotFoundAction());
  }
}
