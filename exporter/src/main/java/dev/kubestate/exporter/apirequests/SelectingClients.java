package dev.kubestate.exporter.apirequests;

import io.fabric8.kubernetes.client.KubernetesClient;

/** Opens clients whose LIST and WATCH requests carry a shard selector. */
@FunctionalInterface
public interface SelectingClients {

  /**
   * A new client, talking to the same API server as the exporter's, that adds {@code
   * shardSelector=<selector>} to every LIST and WATCH of the exported kinds; the caller closes it.
   *
   * @param selector the selector, not URL-encoded
   */
  KubernetesClient open(String selector);
}
