package dev.kubestate.demo.world;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;

/**
 * Configuration edits as part of churn, through the API: a team switches the log level of one of
 * its applications' config maps between info and debug. Confined to the churn's thread.
 */
final class ConfigEdits {

  static final String LOG_LEVEL = "LOG_LEVEL";

  private final KubernetesClient client;
  private final ClusterRandom random;
  private final List<ConfigMap> editable = new ArrayList<>();

  ConfigEdits(KubernetesClient client, ClusterRandom random, SyntheticCluster cluster) {
    this.client = client;
    this.random = random;
    for (ConfigMap c : cluster.config().configMaps()) {
      if (c.getData().containsKey(LOG_LEVEL)) {
        editable.add(c);
      }
    }
  }

  /** Flips the log level of a config map drawn at random; null when there is none. */
  String step() {
    if (editable.isEmpty()) {
      return null;
    }
    ConfigMap c = editable.get(random.below(editable.size()));
    String ns = c.getMetadata().getNamespace();
    ConfigMap after =
        client
            .configMaps()
            .inNamespace(ns)
            .withName(c.getMetadata().getName())
            .edit(
                m -> {
                  m.getData()
                      .put(
                          LOG_LEVEL, "debug".equals(m.getData().get(LOG_LEVEL)) ? "info" : "debug");
                  return m;
                });
    return "configmap "
        + ns
        + "/"
        + c.getMetadata().getName()
        + ": "
        + LOG_LEVEL
        + " "
        + after.getData().get(LOG_LEVEL);
  }
}
