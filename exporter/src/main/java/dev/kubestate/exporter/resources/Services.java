package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.IdentityLabels;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;

/** Service families ({@code services}). Placeholder: families are declared by the kind's issue work. */
public final class Services implements ResourceKind<Service> {

  @Override
  public String resource() {
    return "services";
  }

  @Override
  public Class<Service> type() {
    return Service.class;
  }

  @Override
  public String telemetryName() {
    return "*v1.Service";
  }

  @Override
  public boolean namespaced() {
    return true;
  }

  @Override
  public void identity(Service object, IdentityLabels out) {
    throw new UnsupportedOperationException("not declared yet");
  }

  @Override
  public List<Family<Service>> families(ResourceOptions options) {
    return List.of();
  }
}
