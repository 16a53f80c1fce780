package dev.kubestate.exporter.informers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.resources.Namespaces;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import org.junit.jupiter.api.Test;

class StoreFeedTest {

  /** A map that gives UIDs starting with "mine" to shard 0 of 2, everything else to shard 1. */
  private static final ShardMap BY_PREFIX = (uid, total) -> uid.startsWith("mine") ? 0 : 1;

  private static final Shard SHARD_0 = new Shard(0, 2);

  private final MetricsStore<Namespace> store =
      new MetricsStore<>(
          new KindRenderer<>(
              new Namespaces(),
              ResourceOptions.defaults(),
              FamilyFilter.DEFAULT,
              RenderFailures.IGNORE,
              n -> "Namespace " + n.getMetadata().getName()));
  private final KindCounters counters = new KindCounters();
  private final StoreFeed<Namespace> feed =
      new StoreFeed<>(store, uid -> BY_PREFIX.owns(SHARD_0, uid), NodeScope.all(), counters);

  private static Namespace ns(String name, String uid) {
    return new NamespaceBuilder()
        .withNewMetadata()
        .withName(name)
        .withUid(uid)
        .endMetadata()
        .build();
  }

  @Test
  void keepsOwnedObjectAndDropsItOnDelete() {
    feed.onAdd(ns("a", "mine-1"));
    assertTrue(store.contains("mine-1"));
    feed.onDelete(ns("a", "mine-1"), false);
    assertFalse(store.contains("mine-1"));
  }

  @Test
  void listedCompletesOnlyWhenTheListHasBeenHandled() {
    feed.onAdd(ns("a", "mine-1"));
    assertFalse(feed.listed().isDone());
    feed.onList("42", true);
    assertTrue(feed.listed().isDone());
  }

  @Test
  void dropsObjectOfAnotherShard() {
    feed.onAdd(ns("b", "theirs-1"));
    assertEquals(0, store.size());
    assertEquals(1, counters.droppedByShard());
  }

  @Test
  void dropsObjectWithoutUid() {
    feed.onAdd(ns("c", null));
    feed.onAdd(ns("c", ""));
    assertEquals(0, store.size());
    assertEquals(2, counters.droppedWithoutUid());
  }

  @Test
  void replacementUnderTheSameNameDropsTheOldUid() {
    feed.onAdd(ns("d", "mine-old"));
    feed.onUpdate(ns("d", "mine-old"), ns("d", "theirs-new"));
    assertFalse(store.contains("mine-old"));
    assertEquals(0, store.size());
  }

  @Test
  void failingEventIsCountedAndDoesNotEscape() {
    ShardMap broken =
        (uid, total) -> {
          throw new IllegalStateException("broken map");
        };
    StoreFeed<Namespace> failing =
        new StoreFeed<>(store, uid -> broken.owns(SHARD_0, uid), NodeScope.all(), counters);
    failing.onAdd(ns("g", "mine-3"));
    failing.onUpdate(ns("g", "mine-3"), ns("g", "mine-3"));
    assertEquals(0, store.size());
    assertEquals(2, counters.handlerFailures());
  }

  @Test
  void objectWithoutMetadataIsDroppedNotThrown() {
    feed.onAdd(new Namespace());
    feed.onUpdate(null, null);
    feed.onDelete(null, true);
    assertEquals(0, store.size());
    assertEquals(2, counters.droppedWithoutUid());
    assertEquals(0, counters.handlerFailures());
  }

  @Test
  void itemStoreKeepsOnlyStubsOfOwnedObjects() {
    ShardItemStore<Namespace> items =
        new ShardItemStore<>(Namespace.class, uid -> BY_PREFIX.owns(SHARD_0, uid));
    Namespace full = ns("e", "mine-2");
    full.getMetadata().setResourceVersion("7");
    full.getMetadata().getLabels().put("team", "x");
    assertNull(items.put(items.getKey(full), full));
    Namespace stub = items.get("e");
    assertEquals("mine-2", stub.getMetadata().getUid());
    assertEquals("7", stub.getMetadata().getResourceVersion());
    assertTrue(stub.getMetadata().getLabels().isEmpty());
    assertNull(items.put("f", ns("f", "theirs-2")));
    assertEquals(1, items.size());
    assertFalse(items.isFullState());
  }
}
