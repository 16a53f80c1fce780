package dev.kubestate.demo.world;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.process.ExportedMetrics;
import dev.kubestate.exporter.resources.Kinds;
import dev.kubestate.exporter.store.MetricsStore;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SyntheticClusterRenderTest {

  @Test
  void everyObjectRendersThroughItsKindWithoutFailures() {
    SyntheticCluster cluster = SyntheticCluster.generate(3, 10, 400);
    List<String> failures = new CopyOnWriteArrayList<>();
    RenderFailures record =
        (resource, family, object, error) -> failures.add(object + " " + family + ": " + error);
    ExportedMetrics defaults = ExportedMetrics.defaults();
    // Every kind the exporter knows, the opt-in ones too.
    ExportedMetrics all =
        new ExportedMetrics(
            new ArrayList<>(Kinds.all().keySet()),
            defaults.filter(),
            defaults.labels(),
            defaults.annotations());
    Map<Class<?>, MetricsStore<?>> stores = new HashMap<>();
    for (MetricsStore<?> s : all.newStores(record)) {
      stores.put(s.renderer().kind().type(), s);
    }
    Map<Class<?>, Integer> expected = new HashMap<>();
    for (HasMetadata o : cluster.objects()) {
      // The demo holds core kinds the exporter does not register yet; every kind it knows is
      // checked.
      MetricsStore<?> store = stores.get(o.getClass());
      if (store == null) {
        continue;
      }
      put(store, o);
      expected.merge(o.getClass(), 1, Integer::sum);
    }
    assertEquals(List.of(), failures);
    assertEquals(stores.keySet(), expected.keySet(), "every kind the exporter knows is present");
    expected.forEach((type, count) -> assertEquals(count, stores.get(type).size(), type.getName()));
  }

  @SuppressWarnings("unchecked")
  private static <T> void put(MetricsStore<T> store, HasMetadata o) {
    store.put(o.getMetadata().getUid(), (T) o);
  }
}
