package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.IdentityLabels;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** Pod families ({@code pods}). Placeholder: families are declared by the kind's issue work. */
public final class Pods implements ResourceKind<Pod> {

  @Override
  public String resource() {
    return "pods";
  }

  @Override
  public Class<Pod> type() {
    return Pod.class;
  }

  @Override
  public String telemetryName() {
    return "*v1.Pod";
  }

  @Override
  public boolean namespaced() {
    return true;
  }

  @Override
  public void identity(Pod object, IdentityLabels out) {
    throw new UnsupportedOperationException("not declared yet");
  }

  @Override
  public List<Family<Pod>> families(ResourceOptions options) {
    return List.of();
  }
}
