package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.resources.GoFields.items;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import java.util.List;

/**
 * MutatingWebhookConfiguration families ({@code mutatingwebhookconfigurations}); identity {@code
 * namespace} (cluster-scoped, so empty unless the object carries one), {@code
 * mutatingwebhookconfiguration}.
 */
public final class MutatingWebhookConfigurations
    extends KubernetesKind<MutatingWebhookConfiguration> {

  public MutatingWebhookConfigurations() {
    super(MutatingWebhookConfiguration.class, Identity.namespaced("mutatingwebhookconfiguration"));
  }

  @Override
  public List<Family<MutatingWebhookConfiguration>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_mutatingwebhookconfiguration_info",
            "Information about the MutatingWebhookConfiguration.", ALPHA,
            (c, out) -> out.sample(1)),
        created("kube_mutatingwebhookconfiguration_created", "Unix creation timestamp.", ALPHA),
        resourceVersion("kube_mutatingwebhookconfiguration_metadata_resource_version",
            "Resource version representing a specific version of the MutatingWebhookConfiguration.",
            ALPHA),
        gauge("kube_mutatingwebhookconfiguration_webhook_clientconfig_service",
            "Service used by the apiserver to connect to a mutating webhook.", ALPHA,
            MutatingWebhookConfigurations::webhookClientConfigService));
  }

  /** One sample per webhook, in spec order. */
  private static void webhookClientConfigService(MutatingWebhookConfiguration c, Samples out) {
    for (MutatingWebhook w : items(c.getWebhooks(), MutatingWebhook::new)) {
      WebhookServices.write(w.getName(), w.getClientConfig(), out);
    }
  }
}
