package dev.kubestate.exporter.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** How to reach the API server and what to watch, KSM's names and defaults. */
public final class ClusterOptions {

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "Path to a kubeconfig. Default: in-cluster config.")
  String kubeconfig;

  @Option(names = "--apiserver", paramLabel = "URL", description = "API server URL; overrides the kubeconfig's or in-cluster server. Default: none.")
  String apiserver;

  @Option(
      names = "--namespaces",
      split = ",",
      paramLabel = "NS",
      description = "Namespaces to watch for namespaced resources (comma-separated, repeatable). Default: all.")
  List<String> namespaces = new ArrayList<>();

  @Option(
      names = "--namespaces-denylist",
      split = ",",
      paramLabel = "NS",
      description = "Namespaces not to watch (field selector metadata.namespace!=NS). Default: none.")
  List<String> namespacesDenylist = new ArrayList<>();

  @Option(
      names = "--use-apiserver-cache",
      description = "List with resourceVersion=0 so the API server answers from its watch cache. Default: false.")
  boolean useApiserverCache;

  /** @throws IllegalArgumentException naming the flag */
  void validate() {
    if (kubeconfig != null && !kubeconfig.isEmpty() && !Files.isReadable(Path.of(kubeconfig))) {
      throw new IllegalArgumentException("--kubeconfig: cannot read file " + kubeconfig);
    }
    if (apiserver != null && !apiserver.isEmpty()
        && !(apiserver.startsWith("http://") || apiserver.startsWith("https://"))) {
      throw new IllegalArgumentException(
          "--apiserver: must be an http:// or https:// URL, got " + apiserver);
    }
  }

  /** Trimmed, non-empty namespaces. */
  List<String> namespaces() {
    return namespaces.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  List<String> namespacesDenylist() {
    return namespacesDenylist.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
