package dev.kubestate.exporter.metrics;

import java.util.Objects;

/**
 * Configuration a kind's generators may depend on: the labels and annotations allowlists for
 * that resource ({@code --metric-labels-allowlist}, {@code --metric-annotations-allowlist}).
 * Immutable.
 *
 * @param labels keys exported by {@code kube_<kind>_labels}
 * @param annotations keys exported by {@code kube_<kind>_annotations}
 */
public record ResourceOptions(KeyAllowlist labels, KeyAllowlist annotations) {

  public ResourceOptions {
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(annotations, "annotations");
  }

  /** No allowlists: the labels and annotations families emit no samples. */
  public static ResourceOptions defaults() {
    return new ResourceOptions(KeyAllowlist.NONE, KeyAllowlist.NONE);
  }
}
