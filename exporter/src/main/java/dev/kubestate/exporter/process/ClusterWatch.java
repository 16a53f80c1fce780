package dev.kubestate.exporter.process;

import dev.kubestate.exporter.informers.NodeScope;
import io.fabric8.kubernetes.client.Config;
import java.util.List;
import java.util.Objects;

/**
 * Which API server an exporter watches, and what of it. Immutable (the fabric8 {@link Config} is
 * not copied: do not modify it after passing it in).
 *
 * @param kubernetes the API server to watch
 * @param namespaces namespaces watched for namespaced kinds; empty = all
 * @param namespacesDenylist namespaces excluded from namespaced kinds
 * @param nodeScope the pods exported, by node ({@code --node}, {@code --track-unscheduled-pods})
 * @param useApiserverCache whether LISTs use {@code resourceVersion=0}
 * @param objectLimit {@code --object-limit}: at most this many objects per LIST of a resource;
 *     0 = no limit
 */
public record ClusterWatch(
    Config kubernetes,
    List<String> namespaces,
    List<String> namespacesDenylist,
    NodeScope nodeScope,
    boolean useApiserverCache,
    long objectLimit) {

  public ClusterWatch {
    Objects.requireNonNull(kubernetes, "kubernetes");
    namespaces = List.copyOf(namespaces);
    namespacesDenylist = List.copyOf(namespacesDenylist);
    Objects.requireNonNull(nodeScope, "nodeScope");
  }

  /** As the canonical constructor, without an object limit. */
  public ClusterWatch(
      Config kubernetes,
      List<String> namespaces,
      List<String> namespacesDenylist,
      NodeScope nodeScope,
      boolean useApiserverCache) {
    this(kubernetes, namespaces, namespacesDenylist, nodeScope, useApiserverCache, 0);
  }

  /** Every namespace and node of {@code kubernetes}, listed from etcd. */
  public static ClusterWatch all(Config kubernetes) {
    return new ClusterWatch(kubernetes, List.of(), List.of(), NodeScope.all(), false);
  }
}
