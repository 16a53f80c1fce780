package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.metrics.Allowlists;
import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.resources.Kinds;
import dev.kubestate.exporter.resources.ObjectNames;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.sharding.Shard;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * Validated export flags: enabled resources (sorted), family filter, allowlists and static
 * shard. Immutable.
 *
 * @param resources enabled resource names in output order
 * @param filter the family filter
 * @param labels labels allowlists
 * @param annotations annotations allowlists
 * @param shard this instance's static shard
 */
public record ExportSettings(
    List<String> resources,
    FamilyFilter filter,
    Allowlists labels,
    Allowlists annotations,
    Shard shard) {

  /** Unsharded, default resources and families, no allowlists. */
  public static ExportSettings defaults() {
    return new MetricsOptions().validate();
  }

  /** A new empty store per enabled resource, in output order. */
  /** These settings with static shard {@code shard}; everything else as it is. */
  public ExportSettings withShard(Shard shard) {
    return new ExportSettings(resources, filter, labels, annotations, shard);
  }

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
