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
}
