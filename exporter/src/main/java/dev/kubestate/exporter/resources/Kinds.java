package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.ResourceKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every kind this exporter knows, by {@code --resources} name, in KSM's output order (ascending
 * resource name). The one list of kinds: flags, help, RBAC and docs derive from it. Immutable.
 */
public final class Kinds {

  private static final Map<String, ResourceKind<?>> ALL = build();

  private Kinds() {}

  private static Map<String, ResourceKind<?>> build() {
    TreeMap<String, ResourceKind<?>> m = new TreeMap<>();
    for (ResourceKind<?> k :
        List.<ResourceKind<?>>of(
            new CertificateSigningRequests(),
            new ClusterRoleBindings(),
            new ClusterRoles(),
            new ConfigMaps(),
            new CronJobs(),
            new DaemonSets(),
            new Deployments(),
            new Endpoints(),
            new EndpointSlices(),
            new HorizontalPodAutoscalers(),
            new IngressClasses(),
            new Ingresses(),
            new Jobs(),
            new Leases(),
            new LimitRanges(),
            new MutatingAdmissionPolicies(),
            new MutatingAdmissionPolicyBindings(),
            new MutatingWebhookConfigurations(),
            new Namespaces(),
            new NetworkPolicies(),
            new Nodes(),
            new PersistentVolumeClaims(),
            new PersistentVolumes(),
            new PodDisruptionBudgets(),
            new Pods(),
            new ReplicaSets(),
            new ReplicationControllers(),
            new ResourceQuotas(),
            new RoleBindings(),
            new Roles(),
            new Secrets(),
            new ServiceAccounts(),
            new Services(),
            new StatefulSets(),
            new StorageClasses(),
            new ValidatingAdmissionPolicies(),
            new ValidatingAdmissionPolicyBindings(),
            new ValidatingWebhookConfigurations(),
            new VolumeAttachments())) {
      m.put(k.resource(), k);
    }
    return Collections.unmodifiableMap(m);
  }

  /** All kinds by resource name, sorted. */
  public static Map<String, ResourceKind<?>> all() {
    return ALL;
  }

  /** The kind for a resource name, or null. */
  public static ResourceKind<?> get(String resource) {
    return ALL.get(resource);
  }

  /** Resource names exported only when {@code --resources} names them (KSM's opt-in), sorted. */
  public static List<String> optIn() {
    List<String> out = new ArrayList<>();
    ALL.forEach(
        (name, kind) -> {
          if (!kind.enabledByDefault()) {
            out.add(name);
          }
        });
    return out;
  }

  /** Resource names enabled when {@code --resources} is not given, sorted. */
  public static List<String> defaults() {
    List<String> out = new ArrayList<>();
    ALL.forEach((name, kind) -> {
      if (kind.enabledByDefault()) {
        out.add(name);
      }
    });
    return out;
  }
}
