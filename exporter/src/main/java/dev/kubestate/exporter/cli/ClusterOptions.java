package dev.kubestate.exporter.cli;

import dev.kubestate.exporter.informers.NodeScope;
import dev.kubestate.exporter.process.ClusterWatch;
import io.fabric8.kubernetes.client.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How to reach the API server and what to watch, KSM's names and defaults. */
public final class ClusterOptions {

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Path to a kubeconfig. Default: in-cluster config.")
  String kubeconfig;

  @Option(
      names = "--apiserver",
      paramLabel = "URL",
      description =
          "API server URL; overrides the kubeconfig's or in-cluster server. Default: none.")
  String apiserver;

  @Option(
      names = "--namespaces",
      split = ",",
      paramLabel = "NS",
      description =
          "Namespaces to watch for namespaced resources (comma-separated, repeatable). Default:"
              + " all.")
  List<String> namespaces = new ArrayList<>();

  @Option(
      names = "--namespaces-denylist",
      split = ",",
      paramLabel = "NS",
      description =
          "Namespaces not to watch (field selector metadata.namespace!=NS). Default: none.")
  List<String> namespacesDenylist = new ArrayList<>();

  @Option(
      names = "--use-apiserver-cache",
      description =
          "List with resourceVersion=0 so the API server answers from its watch cache. Default:"
              + " false.")
  boolean useApiserverCache;

  @Option(
      names = "--object-limit",
      paramLabel = "N",
      description =
          "If > 0, LIST requests ask for at most N objects of a resource and keep at most N;"
              + " watch events are not limited. Experimental. Default: 0 (no limit).")
  long objectLimit;

  @Option(
      names = "--node",
      paramLabel = "NAME",
      description =
          "Export only the pods bound to this node (field selector spec.nodeName=NAME), e.g. one"
              + " instance per node; requires --resources=pods. Default: none (every node).")
  String node = "";

  @Option(
      names = "--track-unscheduled-pods",
      description =
          "Export only the pods bound to no node (field selector spec.nodeName=); wins over"
              + " --node and requires --resources=pods. Default: false.")
  boolean trackUnscheduledPods;

  /**
   * Checks the flags against each other and against the enabled resources.
   *
   * @param resources the resources that will be exported
   * @throws IllegalArgumentException naming the flag
   */
  void validate(List<String> resources) {
    if (kubeconfig != null && !kubeconfig.isEmpty() && !Files.isReadable(Path.of(kubeconfig))) {
      throw new IllegalArgumentException("--kubeconfig: cannot read file " + kubeconfig);
    }
    if (apiserver != null
        && !apiserver.isEmpty()
        && !(apiserver.startsWith("http://") || apiserver.startsWith("https://"))) {
      throw new IllegalArgumentException(
          "--apiserver: must be an http:// or https:// URL, got " + apiserver);
    }
    if (objectLimit < 0) {
      throw new IllegalArgumentException("--object-limit: must be >= 0, got " + objectLimit);
    }
    NodeScope scope = nodeScope();
    List<String> others = resources.stream().filter(r -> !r.equals("pods")).toList();
    if (scope.restricts() && !others.isEmpty()) {
      // KSM means to reject this but never does, and then fails to list the other resources.
      throw new IllegalArgumentException(
          nodeFlag()
              + ": selects pods by node, so --resources must be pods only; also enabled: "
              + String.join(",", others));
    }
  }

  /**
   * The pods to export, from {@code --node} and {@code --track-unscheduled-pods}.
   *
   * @throws IllegalArgumentException naming the flag when {@code --node} is not a node name
   */
  NodeScope nodeScope() {
    String name = node == null ? "" : node.trim();
    try {
      return NodeScope.of(name, trackUnscheduledPods);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--node: " + e.getMessage(), e);
    }
  }

  private String nodeFlag() {
    return trackUnscheduledPods ? "--track-unscheduled-pods" : "--node=" + node.trim();
  }

  /**
   * What to watch of the API server at {@code kubernetes}.
   *
   * @throws IllegalArgumentException naming the flag when {@code --node} is not a node name
   */
  ClusterWatch watch(Config kubernetes) {
    return new ClusterWatch(
        kubernetes,
        namespaces(),
        namespacesDenylist(),
        nodeScope(),
        useApiserverCache,
        objectLimit);
  }

  /** Trimmed, non-empty namespaces. */
  List<String> namespaces() {
    return namespaces.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  List<String> namespacesDenylist() {
    return namespacesDenylist.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
