package dev.kubestate.exporter.metrics;

import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Decides which families are generated, as KSM does (reference/ksm-behaviour.md 5): a family
 * passes when it passes the allowlist or denylist (mutually exclusive; unanchored regex search)
 * and, if it is opt-in, matches the opt-in list. Patterns are compiled once, at construction.
 * Immutable and thread-safe.
 */
public final class FamilyFilter {

  /** Every default family, no opt-in family. */
  public static final FamilyFilter DEFAULT = new FamilyFilter(List.of(), List.of(), List.of());

  private final List<Pattern> allow;
  private final List<Pattern> deny;
  private final List<Pattern> optIn;

  private FamilyFilter(List<Pattern> allow, List<Pattern> deny, List<Pattern> optIn) {
    this.allow = allow;
    this.deny = deny;
    this.optIn = optIn;
  }

  /**
   * @throws IllegalArgumentException naming the flag when both lists are set or a pattern does
   *     not compile
   */
  public static FamilyFilter of(List<String> allowlist, List<String> denylist, List<String> optIn) {
    if (!allowlist.isEmpty() && !denylist.isEmpty()) {
      throw new IllegalArgumentException(
          "--metric-allowlist and --metric-denylist are mutually exclusive, both are set");
    }
    return new FamilyFilter(
        compile("--metric-allowlist", allowlist),
        compile("--metric-denylist", denylist),
        compile("--metric-opt-in-list", optIn));
  }

  private static List<Pattern> compile(String flag, List<String> patterns) {
    return patterns.stream()
        .map(
            p -> {
              try {
                return Pattern.compile(p);
              } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException(
                    flag + ": invalid regular expression \"" + p + "\": " + e.getDescription(), e);
              }
            })
        .toList();
  }

  /** Whether the family is generated. */
  public boolean accepts(Family<?> family) {
    String name = family.name();
    if (!allow.isEmpty() && !anyFinds(allow, name)) {
      return false;
    }
    if (anyFinds(deny, name)) {
      return false;
    }
    return !family.isOptIn() || anyFinds(optIn, name);
  }

  private static boolean anyFinds(List<Pattern> patterns, String name) {
    for (Pattern p : patterns) {
      if (p.matcher(name).find()) {
        return true;
      }
    }
    return false;
  }
}
