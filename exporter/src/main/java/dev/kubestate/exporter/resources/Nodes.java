package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.IdentityLabels;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.Node;
import java.util.List;

/** Node families ({@code nodes}). Placeholder: families are declared by the kind's issue work. */
public final class Nodes implements ResourceKind<Node> {

  @Override
  public String resource() {
    return "nodes";
  }

  @Override
  public Class<Node> type() {
    return Node.class;
  }

  @Override
  public String telemetryName() {
    return "*v1.Node";
  }

  @Override
  public boolean namespaced() {
    return false;
  }

  @Override
  public void identity(Node object, IdentityLabels out) {
    throw new UnsupportedOperationException("not declared yet");
  }

  @Override
  public List<Family<Node>> families(ResourceOptions options) {
    return List.of();
  }
}
