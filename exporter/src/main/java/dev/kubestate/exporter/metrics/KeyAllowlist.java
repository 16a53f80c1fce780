package dev.kubestate.exporter.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Which Kubernetes label or annotation keys of one resource become Prometheus labels, with KSM's
 * rules (reference/ksm-behaviour.md 4): {@code *} as the first entry selects every key, an entry
 * with one {@code *} is an anchored glob, other entries are exact keys, a later {@code *} is
 * ignored. {@link #NONE} (no entry for the resource, or {@code res=[]}) means the family emits no
 * sample. Immutable and thread-safe.
 */
public final class KeyAllowlist {

  /** No allowlist: no sample. */
  public static final KeyAllowlist NONE = new KeyAllowlist(false, List.of(), false);

  /** Every key. */
  public static final KeyAllowlist ALL = new KeyAllowlist(true, List.of(), true);

  private final boolean all;
  private final List<String> entries;
  private final boolean enabled;

  private KeyAllowlist(boolean all, List<String> entries, boolean enabled) {
    this.all = all;
    this.entries = entries;
    this.enabled = enabled;
  }

  /**
   * Builds an allowlist from the entries of one {@code res=[...]} item.
   *
   * @throws IllegalArgumentException when an entry holds more than one {@code *}
   */
  public static KeyAllowlist of(List<String> entries) {
    if (!entries.isEmpty() && entries.get(0).equals("*")) {
      return ALL;
    }
    List<String> kept = new ArrayList<>();
    for (String e : entries) {
      int stars = countStars(e);
      if (stars > 1) {
        throw new IllegalArgumentException(
            "entry \"" + e + "\" has more than one '*' (only one wildcard per entry)");
      }
      if (e.equals("*")) {
        continue;
      }
      kept.add(e);
    }
    if (kept.isEmpty()) {
      // res=[] means no sample at all (reference/ksm-behaviour.md 4).
      return NONE;
    }
    return new KeyAllowlist(false, List.copyOf(kept), true);
  }

  /** Whether the family emits a sample at all. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Whether {@code key} is selected. */
  public boolean allows(String key) {
    if (all) {
      return true;
    }
    for (String e : entries) {
      int star = e.indexOf('*');
      if (star < 0) {
        if (e.equals(key)) {
          return true;
        }
      } else if (key.length() >= e.length() - 1
          && key.startsWith(e.substring(0, star))
          && key.endsWith(e.substring(star + 1))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Writes one sample with the selected keys of {@code source} as {@code <prefix>_<key>} labels,
   * value 1, in ascending key order with KSM's conflict suffixes; nothing when not enabled.
   */
  public void writeSample(Map<String, String> source, String prefix, Samples out) {
    if (!enabled) {
      return;
    }
    TreeMap<String, String> selected = new TreeMap<>(KeyAllowlist::compareCodePoints);
    if (source != null) {
      for (Map.Entry<String, String> e : source.entrySet()) {
        if (allows(e.getKey())) {
          selected.put(e.getKey(), e.getValue());
        }
      }
    }
    writeAll(selected, prefix, out);
  }

  /** Writes all of {@code source} as labels (for families that take no allowlist), value 1. */
  public static void writeAll(Map<String, String> source, String prefix, Samples out) {
    TreeMap<String, String> sorted = new TreeMap<>(KeyAllowlist::compareCodePoints);
    if (source != null) {
      sorted.putAll(source);
    }
    List<String> names = labelNames(new ArrayList<>(sorted.keySet()), prefix);
    out.begin();
    int i = 0;
    for (String value : sorted.values()) {
      out.label(names.get(i++), value);
    }
    out.value(1);
  }

  /**
   * Maps keys (already in ascending order) to label names with KSM's conflict rule: when a name
   * is taken, its first holder becomes {@code name_conflict1} and the newcomer {@code
   * name_conflict2}, later ones {@code _conflict3}...; a suffix used by any other key is skipped.
   */
  static List<String> labelNames(List<String> sortedKeys, String prefix) {
    List<String> names = new ArrayList<>(sortedKeys.size());
    Set<String> used = new HashSet<>();
    Map<String, Integer> holder = new HashMap<>();
    Map<String, Integer> nextSuffix = new HashMap<>();
    for (String key : sortedKeys) {
      String base = LabelNames.sanitize(prefix, key);
      Integer counter = nextSuffix.get(base);
      if (counter == null && !used.contains(base)) {
        names.add(base);
        used.add(base);
        holder.put(base, names.size() - 1);
        continue;
      }
      int n = counter == null ? 1 : counter;
      Integer first = holder.get(base);
      if (counter == null && first != null && names.get(first).equals(base)) {
        String renamed = nextFree(base, n, used);
        n = suffixOf(renamed, base) + 1;
        used.remove(base);
        used.add(renamed);
        names.set(first, renamed);
      }
      String mine = nextFree(base, n, used);
      used.add(mine);
      names.add(mine);
      nextSuffix.put(base, suffixOf(mine, base) + 1);
    }
    return Collections.unmodifiableList(names);
  }

  private static String nextFree(String base, int from, Set<String> used) {
    int n = from;
    while (used.contains(base + "_conflict" + n)) {
      n++;
    }
    return base + "_conflict" + n;
  }

  private static int suffixOf(String name, String base) {
    return Integer.parseInt(name.substring(base.length() + "_conflict".length()));
  }

  private static int countStars(String s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '*') {
        n++;
      }
    }
    return n;
  }

  /** Orders strings by code point, which is the byte order of their UTF-8 form, as Go sorts. */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  /** Equal when both allow the same keys (the same entries in the same order). */
  @Override
  public boolean equals(Object o) {
    return o instanceof KeyAllowlist k
        && all == k.all
        && enabled == k.enabled
        && entries.equals(k.entries);
  }

  @Override
  public int hashCode() {
    return Objects.hash(all, enabled, entries);
  }

  @Override
  public String toString() {
    return !enabled ? "[]" : all ? "[*]" : entries.toString();
  }
}
