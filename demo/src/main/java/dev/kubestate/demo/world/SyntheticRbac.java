package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RBAC of a synthetic cluster: the API server's bootstrap roles and bindings (cluster-admin, the
 * aggregated admin, edit and view roles, the {@code system:} roles of users, groups and
 * controllers), a ClusterRole and binding for each add-on the cluster runs ({@link RbacGrants}),
 * bound to the service account its pods run as, the roles the scheduler, controller manager and
 * add-ons need in their namespaces, and per team namespace a developer Role with bindings for the
 * team's groups. Every binding's role exists; service-account subjects are the ones {@link
 * SyntheticConfig} creates. Immutable.
 *
 * @param clusterRoles cluster roles, bootstrap ones first
 * @param clusterRoleBindings cluster role bindings
 * @param roles namespaced roles
 * @param roleBindings namespaced role bindings
 */
public record SyntheticRbac(
    List<ClusterRole> clusterRoles,
    List<ClusterRoleBinding> clusterRoleBindings,
    List<Role> roles,
    List<RoleBinding> roleBindings) {

  static final String GROUP = "rbac.authorization.k8s.io";

  public SyntheticRbac {
    clusterRoles = List.copyOf(clusterRoles);
    clusterRoleBindings = List.copyOf(clusterRoleBindings);
    roles = List.copyOf(roles);
    roleBindings = List.copyOf(roleBindings);
  }

  /**
   * The RBAC of a cluster born {@code clusterBirth} with {@code namespaces}, whose add-ons run as
   * {@code addOns} (namespace/name of each add-on's service account, created when the add-on is).
   */
  static SyntheticRbac generate(
      ClusterRandom random,
      String clusterBirth,
      List<Namespace> namespaces,
      List<RbacGrants.AddOn> addOns) {
    List<ClusterRole> clusterRoles = new ArrayList<>();
    List<ClusterRoleBinding> clusterBindings = new ArrayList<>();
    for (RbacGrants.Bootstrap b : RbacGrants.BOOTSTRAP) {
      clusterRoles.add(clusterRole(random, b.role(), b.rules(), b.aggregates(), clusterBirth));
      if (b.subject() != null) {
        clusterBindings.add(clusterBinding(random, b.role(), b.role(), b.subject(), clusterBirth));
      }
    }
    for (RbacGrants.AddOn a : addOns) {
      clusterRoles.add(clusterRole(random, a.role(), a.rules(), null, a.created()));
      clusterBindings.add(
          clusterBinding(
              random,
              a.role(),
              a.role(),
              serviceAccount(a.namespace(), a.serviceAccount()),
              a.created()));
    }
    clusterBindings.add(
        clusterBinding(
            random,
            "ci-deployer",
            "cluster-admin",
            serviceAccount("kube-system", RbacGrants.CI_DEPLOYER),
            ClusterRandom.before(300L * 86400)));
    List<Role> roles = new ArrayList<>();
    List<RoleBinding> bindings = new ArrayList<>();
    for (RbacGrants.SystemRole r : RbacGrants.SYSTEM_ROLES) {
      roles.add(role(random, r.namespace(), r.role(), r.rules(), clusterBirth));
      bindings.add(
          binding(random, r.namespace(), r.binding(), "Role", r.role(), r.subject(), clusterBirth));
    }
    for (Namespace n : namespaces) {
      String ns = n.getMetadata().getName();
      if (!ns.startsWith("team-")) {
        continue;
      }
      String team = ns.substring(5);
      String created =
          ClusterRandom.before(
              ClusterRandom.secondsBefore(Instant.parse(n.getMetadata().getCreationTimestamp()))
                  - random.between(5, 60));
      roles.add(role(random, ns, "developer", RbacGrants.DEVELOPER, created));
      bindings.add(
          binding(
              random, ns, "developers", "Role", "developer", group(team + "-developers"), created));
      bindings.add(
          binding(
              random, ns, "team-admins", "ClusterRole", "admin", group(team + "-leads"), created));
      bindings.add(
          binding(random, ns, "viewers", "ClusterRole", "view", group("engineering"), created));
    }
    return new SyntheticRbac(clusterRoles, clusterBindings, roles, bindings);
  }

  private static ClusterRole clusterRole(
      ClusterRandom random,
      String name,
      List<PolicyRule> rules,
      String aggregates,
      String created) {
    ClusterRoleBuilder r =
        new ClusterRoleBuilder()
            .withMetadata(meta(random, null, name, created, name.startsWith("system:")))
            .withRules(rules);
    if (name.startsWith("system:aggregate-to-")) {
      // Aggregated into the role its name ends with, by this label.
      r.editMetadata().addToLabels(GROUP + "/" + name.substring(7), "true").endMetadata();
    }
    if (aggregates != null) {
      r.withNewAggregationRule()
          .addNewClusterRoleSelector()
          .addToMatchLabels(GROUP + "/aggregate-to-" + aggregates, "true")
          .endClusterRoleSelector()
          .endAggregationRule();
    }
    return r.build();
  }

  private static ClusterRoleBinding clusterBinding(
      ClusterRandom random, String name, String role, Subject subject, String created) {
    return new ClusterRoleBindingBuilder()
        .withMetadata(meta(random, null, name, created, name.startsWith("system:")))
        .withRoleRef(new RoleRef(GROUP, "ClusterRole", role))
        .withSubjects(subject)
        .build();
  }

  private static Role role(
      ClusterRandom random, String namespace, String name, List<PolicyRule> rules, String created) {
    return new RoleBuilder()
        .withMetadata(meta(random, namespace, name, created, name.startsWith("system:")))
        .withRules(rules)
        .build();
  }

  private static RoleBinding binding(
      ClusterRandom random,
      String namespace,
      String name,
      String roleKind,
      String role,
      Subject subject,
      String created) {
    return new RoleBindingBuilder()
        .withMetadata(meta(random, namespace, name, created, name.startsWith("system:")))
        .withRoleRef(new RoleRef(GROUP, roleKind, role))
        .withSubjects(subject)
        .build();
  }

  /** Metadata; a bootstrap object carries the labels and annotation the API server gives it. */
  private static ObjectMeta meta(
      ClusterRandom random, String namespace, String name, String created, boolean bootstrap) {
    ObjectMetaBuilder m = new ObjectMetaBuilder(random.meta(namespace, name, created));
    if (bootstrap) {
      m.withLabels(new TreeMap<>(Map.of("kubernetes.io/bootstrapping", "rbac-defaults")))
          .withAnnotations(Map.of("rbac.authorization.kubernetes.io/autoupdate", "true"));
    }
    return m.build();
  }

  static Subject serviceAccount(String namespace, String name) {
    return new Subject(null, "ServiceAccount", name, namespace);
  }

  static Subject group(String name) {
    return new Subject(GROUP, "Group", name, null);
  }

  static Subject user(String name) {
    return new Subject(GROUP, "User", name, null);
  }
}
