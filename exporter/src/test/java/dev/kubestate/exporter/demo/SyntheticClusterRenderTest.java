package dev.kubestate.exporter.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.kubestate.exporter.cli.ExportSettings;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.resources.Kinds;
import dev.kubestate.exporter.store.MetricsStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SyntheticClusterRenderTest {

  @Test
  void everyObjectRendersThroughItsKindWithoutFailures() {
    SyntheticCluster cluster = SyntheticCluster.generate(3, 10, 400);
    List<String> failures = new CopyOnWriteArrayList<>();
    RenderFailures record =
        (resource, family, object, error) -> failures.add(object + " " + family + ": " + error);
    Map<Class<?>, MetricsStore<?>> stores = new HashMap<>();
    for (MetricsStore<?> s : ExportSettings.defaults().newStores(record)) {
      stores.put(s.renderer().kind().type(), s);
    }
    Set<Class<?>> registered = new HashSet<>();
    Kinds.all().values().forEach(k -> registered.add(k.type()));
    Map<Class<?>, Integer> expected = new HashMap<>();
    for (HasMetadata o : cluster.objects()) {
      // The demo holds kinds the exporter does not know yet; every kind it knows is checked.
      if (!registered.contains(o.getClass())) {
        continue;
      }
      MetricsStore<?> store = stores.get(o.getClass());
      assertNotNull(store, "no default kind exports " + o.getKind());
      // A kind whose table is not declared yet has nothing to render; the others must render all.
      if (store.renderer().familyCount() > 0) {
        put(store, o);
        expected.merge(o.getClass(), 1, Integer::sum);
      }
    }
    assertEquals(List.of(), failures);
    assertFalse(expected.isEmpty());
    expected.forEach((type, count) -> assertEquals(count, stores.get(type).size(), type.getName()));
  }

  @SuppressWarnings("unchecked")
  private static <T> void put(MetricsStore<T> store, HasMetadata o) {
    store.put(o.getMetadata().getUid(), (T) o);
  }
}
