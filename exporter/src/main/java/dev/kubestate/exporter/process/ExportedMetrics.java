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

  /**
   * What decides the bytes of one resource's objects: the families kept, in order, and the
   * allowlists their generators use. Two configurations with equal outputs for a resource render
   * its objects identically.
   */
  record KindOutput(List<String> families, ResourceOptions options) {}

  /** A new empty store per enabled resource, in output order. */
  public List<MetricsStore<?>> newStores(RenderFailures failures) {
    List<MetricsStore<?>> out = new ArrayList<>();
    for (String r : resources) {
      out.add(newStore(r, failures));
    }
    return out;
  }

  /** A new empty store of {@code resource} rendering with these options. */
  MetricsStore<?> newStore(String resource, RenderFailures failures) {
    return newStore(Kinds.get(resource), failures);
  }

  /** What decides the bytes of {@code resource}'s objects under these options. */
  KindOutput output(String resource) {
    ResourceKind<?> kind = Kinds.get(resource);
    ResourceOptions options = options(resource);
    List<String> families = new ArrayList<>();
    for (var f : kind.families(options)) {
      if (filter.accepts(f)) {
        families.add(f.name());
      }
    }
    return new KindOutput(List.copyOf(families), options);
  }

  private ResourceOptions options(String resource) {
    return new ResourceOptions(labels.forResource(resource), annotations.forResource(resource));
  }

  private <T> MetricsStore<T> newStore(ResourceKind<T> kind, RenderFailures failures) {
    ResourceOptions options = options(kind.resource());
    return new MetricsStore<>(
        new KindRenderer<>(
            kind,
            options,
            filter,
            failures,
            o -> o instanceof HasMetadata h ? ObjectNames.describe(h) : kind.resource()));
  }
}
