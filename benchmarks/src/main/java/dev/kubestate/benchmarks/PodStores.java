package dev.kubestate.benchmarks;

import dev.kubestate.exporter.metrics.FamilyFilter;
import dev.kubestate.exporter.metrics.KeyAllowlist;
import dev.kubestate.exporter.metrics.KindRenderer;
import dev.kubestate.exporter.metrics.RenderFailures;
import dev.kubestate.exporter.metrics.ResourceOptions;
import dev.kubestate.exporter.resources.ObjectNames;
import dev.kubestate.exporter.resources.Pods;
import dev.kubestate.exporter.store.MetricsStore;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** Pod renderers and filled stores shared by the benchmarks. */
final class PodStores {

  private PodStores() {}

  /** The pod kind with a labels allowlist of every key, as many deployments configure. */
  static KindRenderer<Pod> renderer() {
    return new KindRenderer<>(
        new Pods(),
        new ResourceOptions(KeyAllowlist.ALL, KeyAllowlist.NONE),
        FamilyFilter.DEFAULT,
        RenderFailures.IGNORE,
        ObjectNames::describe);
  }

  static MetricsStore<Pod> filled(int pods) {
    MetricsStore<Pod> store = new MetricsStore<>(renderer());
    for (int i = 0; i < pods; i++) {
      Pod p = TypicalPods.pod(i);
      store.put(p.getMetadata().getUid(), p);
    }
    return store;
  }

  /** A store holding {@code pods}, each put with its UID and resourceVersion. */
  static MetricsStore<Pod> filled(List<Pod> pods) {
    MetricsStore<Pod> store = new MetricsStore<>(renderer());
    putAll(store, pods);
    return store;
  }

  /** Renders and puts every pod, as an informer's LIST does for owned ones. */
  static void putAll(MetricsStore<Pod> store, List<Pod> pods) {
    for (Pod p : pods) {
      store.put(p.getMetadata().getUid(), p.getMetadata().getResourceVersion(), p);
    }
  }
}
