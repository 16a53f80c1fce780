package dev.kubestate.exporter.informers;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which pods one instance exports, by the node they are bound to: every pod, the pods of one node
 * (KSM's {@code --node}, one instance per node as a DaemonSet) or the pods bound to no node yet
 * ({@code --track-unscheduled-pods}). A restricting scope becomes the field selector term
 * {@code spec.nodeName=<node>} (or {@code spec.nodeName=}) on the pods LIST and WATCH, and is
 * applied again on the client by {@link #admits}, so a server that ignores the selector cannot
 * make this instance export another node's pods (reference/ksm-behaviour.md sections 7 and 8.3).
 * Immutable; thread-safe.
 */
public final class NodeScope {

  /** The pod field the scope selects on. */
  public static final String FIELD = "spec.nodeName";

  /** A Kubernetes node name: a lower-case RFC 1123 DNS subdomain. */
  private static final Pattern NODE_NAME =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private static final int MAX_NODE_NAME_LENGTH = 253;

  private static final NodeScope ALL = new NodeScope(null);
  private static final NodeScope UNSCHEDULED = new NodeScope("");

  /** Null for every pod, empty for unscheduled pods, else the node's name. */
  private final String nodeName;

  private NodeScope(String nodeName) {
    this.nodeName = nodeName;
  }

  /** Every pod, whatever its node: no selector, no client-side check. */
  public static NodeScope all() {
    return ALL;
  }

  /** Pods whose {@code spec.nodeName} is empty or absent. */
  public static NodeScope unscheduled() {
    return UNSCHEDULED;
  }

  /**
   * Pods bound to one node.
   *
   * @param name the node's name
   * @throws IllegalArgumentException when {@code name} is not a valid node name (so it can never
   *     widen the field selector, e.g. with a comma)
   */
  public static NodeScope node(String name) {
    Objects.requireNonNull(name, "name");
    if (name.length() > MAX_NODE_NAME_LENGTH || !NODE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "must be a node name (lower-case DNS subdomain), got \"" + name + "\"");
    }
    return new NodeScope(name);
  }

  /**
   * The scope KSM derives from its two flags: unscheduled pods when {@code trackUnscheduled}
   * (it wins over {@code node}), else the pods of {@code node} when it is not empty, else all.
   *
   * @param node the node name; null or empty = none
   * @param trackUnscheduled whether to export unscheduled pods only
   * @throws IllegalArgumentException as {@link #node}
   */
  public static NodeScope of(String node, boolean trackUnscheduled) {
    if (trackUnscheduled) {
      return UNSCHEDULED;
    }
    return node == null || node.isEmpty() ? ALL : node(node);
  }

  /** Whether the scope selects some pods only (and so needs a field selector term). */
  public boolean restricts() {
    return nodeName != null;
  }

  /**
   * The value of the {@code spec.nodeName=} term: the node's name, or empty for unscheduled pods.
   *
   * @throws IllegalStateException when the scope does not restrict
   */
  public String nodeName() {
    if (nodeName == null) {
      throw new IllegalStateException("the scope of all pods has no node name");
    }
    return nodeName;
  }

  /**
   * Whether an object is inside the scope, by the API server's rule for the field selector: an
   * absent {@code spec.nodeName} counts as empty. With a restricting scope anything that is not a
   * pod is outside (fail closed). Allocates nothing.
   *
   * @param object any object, may be null
   */
  public boolean admits(HasMetadata object) {
    if (nodeName == null) {
      return true;
    }
    if (!(object instanceof Pod pod)) {
      return false;
    }
    String bound = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return nodeName.equals(bound == null ? "" : bound);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeScope other && Objects.equals(nodeName, other.nodeName);
  }

  @Override
  public int hashCode() {
    return Objects.hashCode(nodeName);
  }

  /** For logs: {@code all nodes}, {@code node node-1} or {@code unscheduled pods}. */
  @Override
  public String toString() {
    if (nodeName == null) {
      return "all nodes";
    }
    return nodeName.isEmpty() ? "unscheduled pods" : "node " + nodeName;
  }
}
