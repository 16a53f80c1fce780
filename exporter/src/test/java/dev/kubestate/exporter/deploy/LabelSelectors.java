package dev.kubestate.exporter.deploy;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;

/** Whether a label selector selects a set of labels, as the API server decides. */
final class LabelSelectors {

  private LabelSelectors() {}

  /**
   * Whether {@code selector} selects an object labelled {@code labels}; an empty selector selects
   * everything.
   *
   * @throws IllegalArgumentException when the selector uses matchExpressions, which deploy/ does
   *     not use and this does not evaluate
   */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
      throw new IllegalArgumentException("matchExpressions are not supported: " + selector);
    }
    return matches(selector.getMatchLabels(), labels);
  }

  /** Whether every pair of {@code matchLabels} is among {@code labels}. */
  static boolean matches(Map<String, String> matchLabels, Map<String, String> labels) {
    if (matchLabels == null) {
      return true;
    }
    Map<String, String> have = labels == null ? Map.of() : labels;
    for (Map.Entry<String, String> e : matchLabels.entrySet()) {
      if (!e.getValue().equals(have.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
