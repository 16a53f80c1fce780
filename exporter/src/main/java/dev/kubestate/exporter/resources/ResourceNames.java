package dev.kubestate.exporter.resources;

import java.util.List;

/**
 * KSM's classification of Kubernetes resource names ({@code cpu}, {@code hugepages-2Mi}, {@code
 * nvidia.com/gpu}) that decides the {@code unit} label of resource families
 * (reference/ksm-behaviour.md 6): the one place both pod containers and nodes take it from.
 * Stateless; allocates nothing but the string built by {@link #isExtended}.
 */
public final class ResourceNames {

  /** The {@code unit} label of a resource sample. */
  public enum Unit {
    /** cpu. */
    CORE("core"),
    /** memory, storage, ephemeral storage, huge pages, attachable volumes (sic, as KSM). */
    BYTE("byte"),
    /** extended resources, and a node's {@code pods}. */
    INTEGER("integer");

    private final String label;

    Unit(String label) {
      this.label = label;
    }

    /** The label value, e.g. {@code core}. */
    public String label() {
      return label;
    }
  }

  private static final List<Unit> CORE = List.of(Unit.CORE);
  private static final List<Unit> BYTE = List.of(Unit.BYTE);
  private static final List<Unit> INTEGER = List.of(Unit.INTEGER);
  private static final List<Unit> BYTE_AND_INTEGER = List.of(Unit.BYTE, Unit.INTEGER);

  /** Longest DNS-1123 subdomain, the prefix part of a qualified name. */
  private static final int MAX_PREFIX_LENGTH = 253;

  /** Longest name part of a qualified name. */
  private static final int MAX_NAME_LENGTH = 63;

  private ResourceNames() {}

  /**
   * The units KSM writes a container resource under, one sample each: {@code cpu} as cores;
   * memory, storage, ephemeral storage, huge pages and attachable volumes as bytes; extended
   * resources as integers. The huge-page, attachable-volume and extended checks are independent,
   * as in KSM, so {@code hugepages-x/y} gives both bytes and an integer; any other name (a plain
   * {@code foo}, {@code kubernetes.io/x}, {@code pods}) gives none. Nodes add {@code pods} as an
   * integer themselves. Allocates nothing for the common names.
   */
  public static List<Unit> units(String name) {
    switch (name) {
      case "cpu":
        return CORE;
      case "memory":
      case "storage":
      case "ephemeral-storage":
        return BYTE;
      default:
        boolean bytes = isHugePages(name) || isAttachableVolumes(name);
        boolean extended = isExtended(name);
        if (bytes) {
          return extended ? BYTE_AND_INTEGER : BYTE;
        }
        return extended ? INTEGER : List.of();
    }
  }

  /** Whether the name starts with {@code hugepages-}; such resources are labelled {@code byte}. */
  public static boolean isHugePages(String name) {
    return name.startsWith("hugepages-");
  }

  /**
   * Whether the name starts with {@code attachable-volumes-}; KSM labels these volume counts {@code
   * byte}.
   */
  public static boolean isAttachableVolumes(String name) {
    return name.startsWith("attachable-volumes-");
  }

  /**
   * Whether the name is an extended resource as Kubernetes defines it: it contains {@code /}, does
   * not contain {@code kubernetes.io/}, does not start with {@code requests.}, and {@code
   * requests.<name>} is a valid qualified name ({@code <dns-subdomain>/<name>}, the name part at
   * most 63 characters of {@code [A-Za-z0-9._-]} starting and ending alphanumeric).
   */
  public static boolean isExtended(String name) {
    if (name.indexOf('/') < 0 || name.contains("kubernetes.io/") || name.startsWith("requests.")) {
      return false;
    }
    String quota = "requests." + name;
    int slash = quota.indexOf('/');
    if (quota.indexOf('/', slash + 1) >= 0) {
      return false;
    }
    return isDnsSubdomain(quota, 0, slash) && isQualifiedNamePart(quota, slash + 1, quota.length());
  }

  /** {@code [a-z0-9]([-a-z0-9]*[a-z0-9])?} labels joined by dots, at most 253 characters. */
  private static boolean isDnsSubdomain(String s, int from, int to) {
    if (to - from == 0 || to - from > MAX_PREFIX_LENGTH) {
      return false;
    }
    int labelStart = from;
    for (int i = from; i <= to; i++) {
      if (i == to || s.charAt(i) == '.') {
        if (i == labelStart
            || !isLowerAlnum(s.charAt(labelStart))
            || !isLowerAlnum(s.charAt(i - 1))) {
          return false;
        }
        labelStart = i + 1;
      } else if (!isLowerAlnum(s.charAt(i)) && s.charAt(i) != '-') {
        return false;
      }
    }
    return true;
  }

  /** {@code ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]}, at most 63 characters. */
  private static boolean isQualifiedNamePart(String s, int from, int to) {
    if (to - from == 0 || to - from > MAX_NAME_LENGTH) {
      return false;
    }
    if (!isAlnum(s.charAt(from)) || !isAlnum(s.charAt(to - 1))) {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (!isAlnum(c) && c != '-' && c != '_' && c != '.') {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerAlnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  }

  private static boolean isAlnum(char c) {
    return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
  }
}
