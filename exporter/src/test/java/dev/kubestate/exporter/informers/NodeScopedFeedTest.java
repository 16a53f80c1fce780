package dev.kubestate.exporter.informers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.resources.Pods;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

/**
 * The client-side node check of {@link StoreFeed}: whatever the API server sends, only pods
 * inside the {@link NodeScope} reach the store (fail closed), and drops are counted.
 */
class NodeScopedFeedTest {

  private final MetricsStore<Pod> store =
      new MetricsStore<>(
          new KindRenderer<>(
              new Pods(),
              ResourceOptions.defaults(),
              FamilyFilter.DEFAULT,
              RenderFailures.IGNORE,
              p -> "Pod " + p.getMetadata().getName()));
  private final KindCounters counters = new KindCounters();

  private StoreFeed<Pod> feed(NodeScope scope) {
    return new StoreFeed<>(
        store, uid -> ShardMap.jumpBackHash().owns(new Shard(0, 1), uid), scope, counters);
  }

  private static Pod pod(String uid, String node) {
    return new PodBuilder()
        .withNewMetadata()
        .withNamespace("default")
        .withName("pod-" + uid)
        .withUid(uid)
        .endMetadata()
        .withNewSpec()
        .withNodeName(node)
        .endSpec()
        .build();
  }

  @Test
  void keepsOnlyPodsOfTheSelectedNode() {
    StoreFeed<Pod> feed = feed(NodeScope.node("node-1"));
    feed.onAdd(pod("a", "node-1"));
    feed.onAdd(pod("b", "node-2"));
    feed.onAdd(pod("c", null));
    assertTrue(store.contains("a"));
    assertFalse(store.contains("b"));
    assertFalse(store.contains("c"));
    assertEquals(2, counters.droppedByNode());
  }

  @Test
  void keepsOnlyUnscheduledPodsWhenTrackingThem() {
    StoreFeed<Pod> feed = feed(NodeScope.unscheduled());
    feed.onAdd(pod("a", "node-1"));
    feed.onAdd(pod("c", null));
    feed.onAdd(pod("d", ""));
    assertFalse(store.contains("a"));
    assertTrue(store.contains("c"));
    assertTrue(store.contains("d"));
    assertEquals(1, counters.droppedByNode());
  }

  @Test
  void podBoundToANodeLeavesTheUnscheduledStore() {
    StoreFeed<Pod> feed = feed(NodeScope.unscheduled());
    feed.onAdd(pod("a", null));
    assertTrue(store.contains("a"));
    feed.onUpdate(pod("a", null), pod("a", "node-1"));
    assertFalse(store.contains("a"));
    assertEquals(1, counters.droppedByNode());
  }

  @Test
  void everyNodeScopeKeepsEveryPod() {
    StoreFeed<Pod> feed = feed(NodeScope.all());
    feed.onAdd(pod("a", "node-1"));
    feed.onAdd(pod("b", null));
    assertEquals(2, store.size());
    assertEquals(0, counters.droppedByNode());
  }
}
