package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.Family;
import dev.kubestate.exporter.metrics.IdentityLabels;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;

/** ReplicaSet families ({@code replicasets}). Placeholder: families are declared by the kind's issue work. */
public final class ReplicaSets implements ResourceKind<ReplicaSet> {

  @Override
  public String resource() {
    return "replicasets";
  }

  @Override
  public Class<ReplicaSet> type() {
    return ReplicaSet.class;
  }

  @Override
  public String telemetryName() {
    return "*v1.ReplicaSet";
  }

  @Override
  public boolean namespaced() {
    return true;
  }

  @Override
  public void identity(ReplicaSet object, IdentityLabels out) {
    throw new UnsupportedOperationException("not declared yet");
  }

  @Override
  public List<Family<ReplicaSet>> families(ResourceOptions options) {
    return List.of();
  }
}
