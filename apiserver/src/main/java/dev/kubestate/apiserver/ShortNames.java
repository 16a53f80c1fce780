package dev.kubestate.apiserver;

import java.util.List;
import java.util.Map;

/**
 * The short names and categories the Kubernetes API server lists for its built-in resource types
 * (what {@code kubectl api-resources} shows), so that {@code kubectl get po}, {@code sts} or {@code
 * all} work as against a cluster. Keyed by {@code <plural>.<group>} ({@code <plural>} for the core
 * group). Immutable.
 */
final class ShortNames {

  private static final Map<String, List<String>> SHORT =
      Map.ofEntries(
          Map.entry("componentstatuses", List.of("cs")),
          Map.entry("configmaps", List.of("cm")),
          Map.entry("endpoints", List.of("ep")),
          Map.entry("events", List.of("ev")),
          Map.entry("limitranges", List.of("limits")),
          Map.entry("namespaces", List.of("ns")),
          Map.entry("nodes", List.of("no")),
          Map.entry("persistentvolumeclaims", List.of("pvc")),
          Map.entry("persistentvolumes", List.of("pv")),
          Map.entry("pods", List.of("po")),
          Map.entry("replicationcontrollers", List.of("rc")),
          Map.entry("resourcequotas", List.of("quota")),
          Map.entry("serviceaccounts", List.of("sa")),
          Map.entry("services", List.of("svc")),
          Map.entry("customresourcedefinitions.apiextensions.k8s.io", List.of("crd", "crds")),
          Map.entry("daemonsets.apps", List.of("ds")),
          Map.entry("deployments.apps", List.of("deploy")),
          Map.entry("replicasets.apps", List.of("rs")),
          Map.entry("statefulsets.apps", List.of("sts")),
          Map.entry("horizontalpodautoscalers.autoscaling", List.of("hpa")),
          Map.entry("cronjobs.batch", List.of("cj")),
          Map.entry("certificatesigningrequests.certificates.k8s.io", List.of("csr")),
          Map.entry("events.events.k8s.io", List.of("ev")),
          Map.entry("ingresses.networking.k8s.io", List.of("ing")),
          Map.entry("networkpolicies.networking.k8s.io", List.of("netpol")),
          Map.entry("poddisruptionbudgets.policy", List.of("pdb")),
          Map.entry("priorityclasses.scheduling.k8s.io", List.of("pc")),
          Map.entry("storageclasses.storage.k8s.io", List.of("sc")));

  /** The members of category {@code all}: what {@code kubectl get all} lists. */
  private static final List<String> ALL =
      List.of(
          "pods",
          "replicationcontrollers",
          "services",
          "daemonsets.apps",
          "deployments.apps",
          "replicasets.apps",
          "statefulsets.apps",
          "horizontalpodautoscalers.autoscaling",
          "cronjobs.batch",
          "jobs.batch");

  private ShortNames() {}

  /** The short names of {@code resource}; empty when it has none. */
  static List<String> of(ApiResource resource) {
    return SHORT.getOrDefault(key(resource), List.of());
  }

  /** The categories of {@code resource}; empty when it belongs to none. */
  static List<String> categories(ApiResource resource) {
    return ALL.contains(key(resource)) ? List.of("all") : List.of();
  }

  private static String key(ApiResource resource) {
    return resource.group().isEmpty()
        ? resource.plural()
        : resource.plural() + "." + resource.group();
  }
}
