package dev.kubestate.exporter.informers;

import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * What every informer set of one exporter shares: the client, the stores they feed, the shard
 * map, the namespaces, the pods' node scope, one {@link KindCounters} per resource, and, with
 * server-side sharding, how to open a client that sends a shard selector. Immutable.
 */
record InformerSources(
    KubernetesClient client,
    List<MetricsStore<?>> stores,
    ShardMap shardMap,
    List<String> namespaces,
    List<String> namespacesDenylist,
    NodeScope nodeScope,
    Map<String, KindCounters> countersByResource,
    SelectingClients selecting) {

  KindCounters counters(String resource) {
    return countersByResource.get(resource);
  }
}
