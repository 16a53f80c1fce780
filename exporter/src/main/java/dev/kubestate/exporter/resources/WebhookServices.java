package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;

/**
 * The Service the API server calls for one admission webhook, as the series of the mutating and
 * validating {@code _webhook_clientconfig_service} families: labels {@code webhook_name}, {@code
 * service_name}, {@code service_namespace}, value 1. A webhook reached by URL has no service
 * reference (a Go pointer), so both service labels are empty. Stateless.
 */
final class WebhookServices {

  private WebhookServices() {}

  /** One sample for the webhook named {@code webhookName}; any argument may be null. */
  static void write(String webhookName, WebhookClientConfig clientConfig, Samples out) {
    ServiceReference service = clientConfig == null ? null : clientConfig.getService();
    out.begin()
        .label("webhook_name", webhookName)
        .label("service_name", service == null ? "" : service.getName())
        .label("service_namespace", service == null ? "" : service.getNamespace())
        .value(1);
  }
}
