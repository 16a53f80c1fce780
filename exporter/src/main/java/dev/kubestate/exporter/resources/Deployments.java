package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.IdentityLabels;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;

/** Deployment families ({@code deployments}). Placeholder: families are declared by the kind's issue work. */
public final class Deployments implements ResourceKind<Deployment> {

  @Override
  public String resource() {
    return "deployments";
  }

  @Override
  public Class<Deployment> type() {
    return Deployment.class;
  }

  @Override
  public String telemetryName() {
    return "*v1.Deployment";
  }

  @Override
  public boolean namespaced() {
    return true;
  }

  @Override
  public void identity(Deployment object, IdentityLabels out) {
    throw new UnsupportedOperationException("not declared yet");
  }

  @Override
  public List<Family<Deployment>> families(ResourceOptions options) {
    return List.of();
  }
}
