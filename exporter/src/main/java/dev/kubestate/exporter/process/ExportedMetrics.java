package dev.kubestate.exporter.process;

import dev.kubestate.exporter.metrics.Allowlists;
import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.resources.Kinds;
import dev.kubestate.exporter.resources.ObjectNames;
import dev.kubestate.exporter.store.MetricsStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What an exporter exports: the enabled resources, which of their families, and the label and
 * annotation allowlists their {@code _labels} and {@code _annotations} families use. Immutable.
 *
 * @param resources enabled resource names in output order
 * @param filter the family filter
 * @param labels labels allowlists
 * @param annotations annotations allowlists
 */
public record ExportedMetrics(
    List<String> resources, FamilyFilter filter, Allowlists labels, Allowlists annotations) {

  public ExportedMetrics {
    resources = List.copyOf(resources);
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(annotations, "annotations");
  }

  /** KSM's defaults: the default resources, every non-opt-in family, no allowlists. */
  public static ExportedMetrics defaults() {
    return new ExportedMetrics(
        Kinds.defaults(), FamilyFilter.DEFAULT, Allowlists.NONE, Allowlists.NONE);
  }

  /** A new empty store per enabled resource, in output order. */
  public List<MetricsStore<?>> newStores(RenderFailures failures) {
    List<MetricsStore<?>> out = new ArrayList<>();
    for (String r : resources) {
      out.add(newStore(Kinds.get(r), failures));
    }
    return out;
  }

  private <T> MetricsStore<T> newStore(ResourceKind<T> kind, RenderFailures failures) {
    ResourceOptions options =
        new ResourceOptions(
            labels.forResource(kind.resource()), annotations.forResource(kind.resource()));
    return new MetricsStore<>(
        new KindRenderer<>(
            kind,
            options,
            filter,
            failures,
            o -> o instanceof HasMetadata h ? ObjectNames.describe(h) : kind.resource()));
  }
}
