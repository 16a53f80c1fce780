package dev.kubestate.exporter.informers;

import dev.kubestate.exporter.store.MetricsStore;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What every informer slice of one exporter shares: the client, the stores they feed, the
 * namespaces, the node scope of node-scoped kinds, and one {@link KindCounters} per resource.
 * Immutable.
 *
 * @param client the client; its HTTP layer should carry the exporter's request interceptor
 * @param stores one store per enabled kind, each fed by that kind's informers
 * @param namespaces namespaces to watch for namespaced kinds, empty = all; no duplicates
 * @param namespacesDenylist namespaces excluded from namespaced kinds by field selector
 * @param nodeScope the objects to export of node-scoped kinds (pods), selected by node on the
 *     server and on the client
 * @param countersByResource the counters of each store's resource
 */
public record InformerSources(
    KubernetesClient client,
    List<MetricsStore<?>> stores,
    List<String> namespaces,
    List<String> namespacesDenylist,
    NodeScope nodeScope,
    Map<String, KindCounters> countersByResource) {

  public InformerSources {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(nodeScope, "nodeScope");
    stores = List.copyOf(stores);
    namespaces = List.copyOf(namespaces);
    namespacesDenylist = List.copyOf(namespacesDenylist);
    countersByResource = Map.copyOf(countersByResource);
  }

  /**
   * The sources of {@code stores}, with new counters per resource; duplicate namespaces are
   * watched once.
   */
  public static InformerSources of(
      KubernetesClient client,
      List<MetricsStore<?>> stores,
      List<String> namespaces,
      List<String> namespacesDenylist,
      NodeScope nodeScope) {
    return of(client, stores, namespaces, namespacesDenylist, nodeScope, 0);
  }

  /**
   * As {@link #of(KubernetesClient, List, List, List, NodeScope)}, each LIST keeping at most
   * {@code objectLimit} objects ({@code --object-limit}; 0 = no limit).
   */
  public static InformerSources of(
      KubernetesClient client,
      List<MetricsStore<?>> stores,
      List<String> namespaces,
      List<String> namespacesDenylist,
      NodeScope nodeScope,
      long objectLimit) {
    Map<String, KindCounters> counters = new LinkedHashMap<>();
    stores.forEach(s -> counters.put(s.resource(), new KindCounters(objectLimit)));
    return new InformerSources(
        client,
        stores,
        namespaces.stream().distinct().toList(),
        namespacesDenylist,
        nodeScope,
        counters);
  }

  /**
   * These sources feeding {@code added} too (after the stores already fed); a resource already
   * fed keeps its counters, a new one gets new counters with {@code objectLimit}.
   */
  public InformerSources with(List<MetricsStore<?>> added, long objectLimit) {
    List<MetricsStore<?>> all = new ArrayList<>(stores);
    all.addAll(added);
    Map<String, KindCounters> counters = new LinkedHashMap<>(countersByResource);
    added.forEach(s -> counters.computeIfAbsent(s.resource(), r -> new KindCounters(objectLimit)));
    return new InformerSources(client, all, namespaces, namespacesDenylist, nodeScope, counters);
  }

  /**
   * These sources without {@code retired}; a resource no store feeds any more loses its counters.
   */
  public InformerSources without(Set<MetricsStore<?>> retired) {
    List<MetricsStore<?>> kept = new ArrayList<>();
    Map<String, KindCounters> counters = new LinkedHashMap<>();
    for (MetricsStore<?> s : stores) {
      if (!retired.contains(s)) {
        kept.add(s);
        counters.put(s.resource(), countersByResource.get(s.resource()));
      }
    }
    return new InformerSources(client, kept, namespaces, namespacesDenylist, nodeScope, counters);
  }

  /** The counters of one resource, e.g. {@code pods}; null when it is not enabled. */
  public KindCounters counters(String resource) {
    return countersByResource.get(resource);
  }
}
