package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Namespaces of a synthetic cluster: the system namespaces a managed cluster starts with and its
 * add-ons use, then one {@code team-<team>} namespace per team. Stateless.
 */
final class SyntheticNamespaces {

  private static final List<String> SYSTEM =
      List.of(
          "default",
          "kube-system",
          "kube-public",
          "kube-node-lease",
          "monitoring",
          "ingress-nginx",
          "cert-manager");

  /** Teams, each owning namespace {@code team-<team>}. */
  static final List<String> TEAMS =
      List.of(
          "payments",
          "checkout",
          "catalog",
          "search",
          "identity",
          "notifications",
          "orders",
          "shipping",
          "inventory",
          "pricing",
          "reviews",
          "recommendations",
          "analytics",
          "billing",
          "support",
          "marketing",
          "media",
          "messaging",
          "fraud",
          "loyalty");

  private SyntheticNamespaces() {}

  /** The system namespaces, then the team namespaces in {@link #TEAMS} order. */
  static List<Namespace> generate(ClusterRandom random) {
    List<Namespace> out = new ArrayList<>();
    for (String ns : SYSTEM) {
      out.add(namespace(random, ns, null));
    }
    for (String team : TEAMS) {
      out.add(namespace(random, "team-" + team, team));
    }
    return out;
  }

  private static Namespace namespace(ClusterRandom random, String name, String team) {
    long ageSeconds = team == null ? 400L * 86400 : random.between(30 * 86400, 380 * 86400);
    NamespaceBuilder ns =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(name)
            .withUid(random.uid())
            .withCreationTimestamp(ClusterRandom.before(ageSeconds))
            .addToLabels("kubernetes.io/metadata.name", name)
            .endMetadata()
            .withNewSpec()
            .withFinalizers("kubernetes")
            .endSpec()
            .withNewStatus()
            .withPhase("Active")
            .endStatus();
    if (team != null) {
      ns.editMetadata().addToLabels("team", team).endMetadata();
    }
    return ns.build();
  }
}
