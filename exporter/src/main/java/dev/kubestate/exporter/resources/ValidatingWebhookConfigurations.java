package dev.kubestate.exporter.resources;

import static dev.kubestate.exporter.metrics.Stability.ALPHA;
import static dev.kubestate.exporter.resources.GoFields.items;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import java.util.List;

/**
 * ValidatingWebhookConfiguration families ({@code validatingwebhookconfigurations}); identity
 * {@code namespace} (cluster-scoped, so empty unless the object carries one), {@code
 * validatingwebhookconfiguration}.
 */
public final class ValidatingWebhookConfigurations
    extends KubernetesKind<ValidatingWebhookConfiguration> {

  public ValidatingWebhookConfigurations() {
    super(
        ValidatingWebhookConfiguration.class,
        Identity.namespaced("validatingwebhookconfiguration"));
  }

  @Override
  public List<Family<ValidatingWebhookConfiguration>> families(ResourceOptions options) {
    return List.of(
        gauge("kube_validatingwebhookconfiguration_info",
            "Information about the ValidatingWebhookConfiguration.", ALPHA,
            (c, out) -> out.sample(1)),
        created("kube_validatingwebhookconfiguration_created", "Unix creation timestamp.", ALPHA),
        resourceVersion("kube_validatingwebhookconfiguration_metadata_resource_version",
            "Resource version representing a specific version of the"
                + " ValidatingWebhookConfiguration.", ALPHA),
        gauge("kube_validatingwebhookconfiguration_webhook_clientconfig_service",
            "Service used by the apiserver to connect to a validating webhook.", ALPHA,
            ValidatingWebhookConfigurations::webhookClientConfigService));
  }

  /** One sample per webhook, in spec order. */
  private static void webhookClientConfigService(ValidatingWebhookConfiguration c, Samples out) {
    for (ValidatingWebhook w : items(c.getWebhooks(), ValidatingWebhook::new)) {
      WebhookServices.write(w.getName(), w.getClientConfig(), out);
    }
  }
}
