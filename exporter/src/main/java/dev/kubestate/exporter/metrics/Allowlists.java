package dev.kubestate.exporter.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value of {@code --metric-labels-allowlist} / {@code --metric-annotations-allowlist}:
 * {@code res1=[k1,k2],res2=[*]} per resource, with KSM's rules (reference/ksm-behaviour.md 4):
 * whitespace trimmed, {@code res=[]} allowed, unknown resource names rejected, and a {@code *}
 * resource key that applies its list to every resource and overrides the others. Immutable.
 */
public final class Allowlists {

  /** No allowlist for any resource. */
  public static final Allowlists NONE = new Allowlists(Map.of(), null);

  private final Map<String, KeyAllowlist> byResource;
  private final KeyAllowlist wildcard;

  private Allowlists(Map<String, KeyAllowlist> byResource, KeyAllowlist wildcard) {
    this.byResource = byResource;
    this.wildcard = wildcard;
  }

  /**
   * Parses a flag value.
   *
   * @param flag the flag's name, for messages
   * @param value e.g. {@code pods=[app,team],namespaces=[*]}; null or blank means none
   * @param resources the known resource names
   * @throws IllegalArgumentException with a one-line reason naming the flag
   */
  public static Allowlists parse(String flag, String value, Collection<String> resources) {
    if (value == null || value.isBlank()) {
      return NONE;
    }
    Map<String, KeyAllowlist> out = new LinkedHashMap<>();
    String s = value.trim();
    int i = 0;
    while (i < s.length()) {
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        throw new IllegalArgumentException(
            flag + ": expected resource=[keys] at \"" + s.substring(i) + "\"");
      }
      String resource = s.substring(i, eq).trim();
      int open = eq + 1;
      while (open < s.length() && s.charAt(open) == ' ') {
        open++;
      }
      if (open >= s.length() || s.charAt(open) != '[') {
        throw new IllegalArgumentException(
            flag + ": expected '[' after \"" + resource + "=\"");
      }
      int close = s.indexOf(']', open);
      if (close < 0) {
        throw new IllegalArgumentException(flag + ": missing ']' for \"" + resource + "\"");
      }
      if (!resource.equals("*") && !resources.contains(resource)) {
        throw new IllegalArgumentException(
            flag + ": resource \"" + resource + "\" does not exist. Available resources: "
                + String.join(",", resources));
      }
      List<String> keys = new ArrayList<>();
      for (String k : s.substring(open + 1, close).split(",")) {
        String key = k.trim();
        if (!key.isEmpty()) {
          keys.add(key);
        }
      }
      try {
        out.put(resource, KeyAllowlist.of(keys));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(flag + ": " + resource + ": " + e.getMessage(), e);
      }
      i = close + 1;
      while (i < s.length() && (s.charAt(i) == ',' || s.charAt(i) == ' ')) {
        i++;
      }
    }
    KeyAllowlist star = out.get("*");
    return new Allowlists(Collections.unmodifiableMap(out), star);
  }

  /** The allowlist of a resource; {@link KeyAllowlist#NONE} when it has none. */
  public KeyAllowlist forResource(String resource) {
    if (wildcard != null) {
      return wildcard;
    }
    return byResource.getOrDefault(resource, KeyAllowlist.NONE);
  }
}
