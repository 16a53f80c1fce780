package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.resources.GoFields.orZero;

import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;

/**
 * The role a RoleBinding or ClusterRoleBinding grants, as the {@code roleref_kind} and {@code
 * roleref_name} labels of both kinds' {@code _info} families. {@code roleRef} is a struct value in
 * Go, so an absent one reads as empty kind and name. Stateless.
 */
final class RoleRefs {

  private RoleRefs() {}

  /** One sample, value 1, with {@code roleref_kind} and {@code roleref_name}. */
  static void info(RoleRef roleRef, Samples out) {
    RoleRef ref = orZero(roleRef, RoleRef::new);
    out.begin().label("roleref_kind", ref.getKind()).label("roleref_name", ref.getName()).value(1);
  }
}
