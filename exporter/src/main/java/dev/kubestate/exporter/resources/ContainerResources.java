package dev.kubestate.exporter.resources;

import dev.kubestate.exporter.metrics.LabelNames;
import dev.kubestate.exporter.metrics.Samples;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;

/**
 * Container resource requests and limits as KSM exports them (reference/ksm-behaviour.md 6): one
 * sample per resource with labels {@code container}, {@code node}, {@code resource} (the name with
 * every character outside {@code [a-zA-Z0-9_]} replaced by {@code _}) and {@code unit}.
 *
 * <ul>
 *   <li>{@code cpu}: unit {@code core}, milli-float value ({@code 250m} gives 0.25);
 *   <li>{@code memory}, {@code storage}, {@code ephemeral-storage}, {@code hugepages-*} and {@code
 *       attachable-volumes-*}: unit {@code byte}, value rounded up to a whole number;
 *   <li>extended resources ({@link #isExtended}): unit {@code integer}, value rounded up;
 *   <li>any other name (a plain {@code foo}, {@code kubernetes.io/x}): no sample.
 * </ul>
 *
 * The checks for hugepages, attachable volumes and extended resources are independent, as in KSM,
 * so a name such as {@code hugepages-x/y} yields both a {@code byte} and an {@code integer} sample.
 * Stateless; allocates only label strings.
 */
public final class ContainerResources {

  /** {@code unit} label of cpu. */
  public static final String CORE = "core";

  /** {@code unit} label of memory, storage, huge pages and attachable volumes. */
  public static final String BYTE = "byte";

  /** {@code unit} label of extended resources. */
  public static final String INTEGER = "integer";

  private static final int MAX_NAME_LENGTH = 63;
  private static final int MAX_SUBDOMAIN_LENGTH = 253;

  private ContainerResources() {}

  /**
   * Writes one sample per exportable entry of {@code amounts}, in map order.
   *
   * @param container the container name, written as {@code container}
   * @param node the pod's {@code spec.nodeName}, written as {@code node} (null as empty)
   * @param amounts requests or limits; null means none; a null quantity counts as zero, like Go's
   *     zero {@code Quantity}
   * @throws IllegalArgumentException for an unparsable quantity
   */
  public static void write(
      String container, String node, Map<String, Quantity> amounts, Samples out) {
    if (amounts == null) {
      return;
    }
    for (Map.Entry<String, Quantity> e : amounts.entrySet()) {
      String name = e.getKey();
      Quantity q = e.getValue();
      switch (name) {
        case "cpu" -> sample(container, node, name, CORE, cores(q), out);
        case "memory", "storage", "ephemeral-storage" ->
            sample(container, node, name, BYTE, whole(q), out);
        default -> {
          if (isHugePages(name)) {
            sample(container, node, name, BYTE, whole(q), out);
          }
          if (isAttachableVolumes(name)) {
            sample(container, node, name, BYTE, whole(q), out);
          }
          if (isExtended(name)) {
            sample(container, node, name, INTEGER, whole(q), out);
          }
        }
      }
    }
  }

  /** Whether {@code name} is a huge page size such as {@code hugepages-2Mi}. */
  public static boolean isHugePages(String name) {
    return name.startsWith("hugepages-");
  }

  /** Whether {@code name} counts attachable volumes, such as {@code attachable-volumes-aws-ebs}. */
  public static boolean isAttachableVolumes(String name) {
    return name.startsWith("attachable-volumes-");
  }

  /**
   * Whether {@code name} is an extended resource as Kubernetes defines it: it has a domain prefix
   * ({@code /}) outside {@code kubernetes.io/}, does not start with {@code requests.}, and {@code
   * requests.<name>} is a valid qualified name ({@code nvidia.com/gpu} is; {@code foo}, {@code
   * kubernetes.io/x} and {@code a/b/c} are not).
   */
  public static boolean isExtended(String name) {
    if (name.indexOf('/') < 0 || name.contains("kubernetes.io/")) {
      return false;
    }
    if (name.startsWith("requests.")) {
      return false;
    }
    return isQualifiedName("requests." + name);
  }

  private static void sample(
      String container, String node, String resource, String unit, double value, Samples out) {
    out.begin()
        .label("container", container)
        .label("node", node)
        .label("resource", LabelNames.sanitizeResourceName(resource))
        .label("unit", unit)
        .value(value);
  }

  private static double cores(Quantity q) {
    return q == null ? 0 : Quantities.milliFloat(q);
  }

  private static double whole(Quantity q) {
    return q == null ? 0 : Quantities.integer(q);
  }

  /** Kubernetes' qualified name: an optional DNS-subdomain prefix and {@code /}, then a name. */
  private static boolean isQualifiedName(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return isNamePart(s);
    }
    if (s.indexOf('/', slash + 1) >= 0) {
      return false;
    }
    return isSubdomain(s.substring(0, slash)) && isNamePart(s.substring(slash + 1));
  }

  /** At most 63 characters, alphanumerics at both ends, {@code -_.} allowed inside. */
  private static boolean isNamePart(String s) {
    int n = s.length();
    if (n == 0 || n > MAX_NAME_LENGTH) {
      return false;
    }
    if (!isAlphanumeric(s.charAt(0)) || !isAlphanumeric(s.charAt(n - 1))) {
      return false;
    }
    for (int i = 1; i < n - 1; i++) {
      char c = s.charAt(i);
      if (!isAlphanumeric(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  /** RFC 1123 subdomain: dot-separated lower-case labels, each starting and ending alphanumeric. */
  private static boolean isSubdomain(String s) {
    int n = s.length();
    if (n == 0 || n > MAX_SUBDOMAIN_LENGTH) {
      return false;
    }
    int labelStart = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || s.charAt(i) == '.') {
        if (i == labelStart
            || !isLowerAlphanumeric(s.charAt(labelStart))
            || !isLowerAlphanumeric(s.charAt(i - 1))) {
          return false;
        }
        labelStart = i + 1;
      } else {
        char c = s.charAt(i);
        if (!isLowerAlphanumeric(c) && c != '-') {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean isLowerAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean isAlphanumeric(char c) {
    return isLowerAlphanumeric(c) || (c >= 'A' && c <= 'Z');
  }
}
