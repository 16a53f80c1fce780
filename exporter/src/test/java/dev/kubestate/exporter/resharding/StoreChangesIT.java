package dev.kubestate.exporter.resharding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kubestate.exporter.apirequests.ServerSideSharding;
import dev.kubestate.exporter.informers.InformerSources;
import dev.kubestate.exporter.informers.NodeScope;
import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.metrics.ResourceKind;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.resources.Kinds;
import dev.kubestate.exporter.store.MetricsStore;
import dev.kubestate.exporter.testing.Await;
import dev.kubestate.exporter.testing.CrudApiServer;
import dev.kubestate.sharding.Shard;
import dev.kubestate.sharding.ShardMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Stores added to and retired from a running coordinator: an added store is fed by every running
 * slice and by the slices a later re-shard builds, so after a handoff it holds exactly what the new
 * assignment owns; a retired store receives nothing more while the others keep following the
 * cluster.
 */
@ExtendWith(CrudApiServer.class)
class StoreChangesIT {

  static KubernetesClient client;
  static KubernetesMockServer server;

  private static final int OBJECTS = 40;
  private static final ShardMap MAP = ShardMap.jumpBackHash();
  private static final RenderFailures NO_FAILURES = (kind, object, family, e) -> {};

  private HandoffCoordinator coordinator;

  @AfterEach
  void stop() {
    if (coordinator != null) {
      coordinator.close();
    }
    client.namespaces().delete();
    client.configMaps().inAnyNamespace().delete();
  }

  private static MetricsStore<?> store(String resource) {
    return newStore(Kinds.get(resource));
  }

  private static <T> MetricsStore<T> newStore(ResourceKind<T> kind) {
    return new MetricsStore<>(
        new KindRenderer<>(
            kind, ResourceOptions.defaults(), FamilyFilter.DEFAULT, NO_FAILURES, o -> "object"));
  }

  @Test
  void anAddedStoreFollowsAReshardAndARetiredOneStops() {
    for (int i = 0; i < OBJECTS; i++) {
      client.resource(new NamespaceBuilder().withNewMetadata().withName("ns" + i).endMetadata()
          .build()).create();
      client.resource(new ConfigMapBuilder().withNewMetadata().withName("cm" + i)
          .withNamespace("default").endMetadata().build()).create();
    }
    Set<String> namespaceUids = uids(client.namespaces().list().getItems());
    Set<String> configMapUids = uids(client.configMaps().inAnyNamespace().list().getItems());
    MetricsStore<?> namespaces = store("namespaces");
    InformerSources sources =
        InformerSources.of(client, List.of(namespaces), List.of(), List.of(), NodeScope.all());
    Shard half = new Shard(0, 2);
    coordinator =
        HandoffCoordinator.create(
            sources, MAP, half, events(), ServerSideSharding.OFF, selector -> client);
    coordinator.start();
    Await.until("namespaces listed", coordinator::isSynced, s -> s);
    assertEquals(owned(namespaceUids, half), namespaces.uids());

    MetricsStore<?> configMaps = store("configmaps");
    coordinator.add(List.of(configMaps), 0);
    Await.until("config maps listed", () -> coordinator.listed(Set.of(configMaps)), l -> l);
    assertEquals(owned(configMapUids, half), configMaps.uids());

    Shard whole = new Shard(0, 1);
    coordinator.assign(whole, true);
    Await.until("handoff settled", () -> !coordinator.inHandoff() && coordinator.isSynced(),
        s -> s);
    assertEquals(configMapUids, configMaps.uids(), "the added store followed the re-shard");
    assertEquals(namespaceUids, namespaces.uids());

    coordinator.retire(Set.of(namespaces));
    client.resource(new NamespaceBuilder().withNewMetadata().withName("late").endMetadata()
        .build()).create();
    client.resource(new ConfigMapBuilder().withNewMetadata().withName("late")
        .withNamespace("default").endMetadata().build()).create();
    String lateMap =
        client.configMaps().inNamespace("default").withName("late").get().getMetadata().getUid();
    Await.until("late config map", configMaps::uids, u -> u.contains(lateMap));
    assertEquals(namespaceUids, namespaces.uids(), "a retired store receives nothing more");
    assertFalse(coordinator.sources().stores().contains(namespaces));
    assertTrue(coordinator.sources().counters("namespaces") == null, "its counters are gone");
  }

  private static Set<String> owned(Set<String> uids, Shard shard) {
    Set<String> out = new HashSet<>();
    for (String uid : uids) {
      if (MAP.owns(shard, uid)) {
        out.add(uid);
      }
    }
    return out;
  }

  private static Set<String> uids(List<? extends io.fabric8.kubernetes.api.model.HasMetadata> l) {
    Set<String> out = new HashSet<>();
    l.forEach(o -> out.add(o.getMetadata().getUid()));
    return out;
  }

  private static ShardEvents events() {
    return new ShardEvents() {
      @Override
      public void assigned(Shard shard) {}

      @Override
      public void settled(long movedIn, long movedOut) {}
    };
  }
}
