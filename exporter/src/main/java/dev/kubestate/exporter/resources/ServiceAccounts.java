package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.resources.GoFields.items;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import java.util.List;

/**
 * ServiceAccount families ({@code serviceaccounts}); identity {@code namespace}, {@code
 * serviceaccount}, {@code uid}. One of KSM's opt-in resources: exported only when {@code
 * --resources} names it (reference/ksm-behaviour.md 1). Immutable and thread-safe.
 */
public final class ServiceAccounts extends KubernetesKind<ServiceAccount> {

  public ServiceAccounts() {
    super(ServiceAccount.class, Identity.<ServiceAccount>namespaced("serviceaccount").andUid());
  }

  @Override
  public boolean enabledByDefault() {
    return false;
  }

  @Override
  public List<Family<ServiceAccount>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_serviceaccount_info", "Information about a service account", ALPHA,
            ServiceAccounts::info),
        created("kube_serviceaccount_created", ALPHA),
        deletionTimestamp("kube_serviceaccount_deleted", ALPHA),
        gauge("kube_serviceaccount_secret", "Secret being referenced by a service account", ALPHA,
            ServiceAccounts::secret),
        gauge("kube_serviceaccount_image_pull_secret", "Secret being referenced by a service"
                + " account for the purpose of pulling images", ALPHA,
            ServiceAccounts::imagePullSecret),
        annotations("kube_serviceaccount_annotations", ALPHA, options),
        labels("kube_serviceaccount_labels", ALPHA, options));
  }

  /** {@code automount_token} is {@code true}/{@code false}, or empty when the field is unset. */
  private static void info(ServiceAccount sa, Samples out) {
    Boolean automount = sa.getAutomountServiceAccountToken();
    out.sample("automount_token", automount == null ? "" : automount.toString(), 1);
  }

  /** One sample per {@code secrets} entry, in list order; a null entry has an empty name. */
  private static void secret(ServiceAccount sa, Samples out) {
    for (ObjectReference s : items(sa.getSecrets(), ObjectReference::new)) {
      out.sample("name", s.getName(), 1);
    }
  }

  /** One sample per {@code imagePullSecrets} entry, in list order. */
  private static void imagePullSecret(ServiceAccount sa, Samples out) {
    for (LocalObjectReference s : items(sa.getImagePullSecrets(), LocalObjectReference::new)) {
      out.sample("name", s.getName(), 1);
    }
  }
}
