package dev.kubestate.exporter.metrics;

import java.util.Locale;

/**
 * Turns Kubernetes keys into Prometheus label names as KSM does (reference/ksm-behaviour.md 4):
 * every character outside {@code [a-zA-Z0-9_]} becomes {@code _} (per code point), an {@code _}
 * goes between a lower-case letter or digit and a following upper-case letter, everything is
 * lower-cased, and a prefix such as {@code label} is prepended with {@code _}. Stateless.
 */
public final class LabelNames {

  private LabelNames() {}

  /** {@code app.kubernetes.io/name} with prefix {@code label} gives {@code label_app_kubernetes_io_name}. */
  public static String sanitize(String prefix, String key) {
    StringBuilder replaced = new StringBuilder(key.length());
    key.codePoints().forEach(cp -> replaced.append(isLabelChar(cp) ? (char) cp : '_'));
    StringBuilder out = new StringBuilder(prefix.length() + 1 + replaced.length() + 4);
    out.append(prefix).append('_');
    for (int i = 0; i < replaced.length(); i++) {
      char c = replaced.charAt(i);
      if (i > 0 && isUpper(c)) {
        char prev = replaced.charAt(i - 1);
        if (isLower(prev) || isDigit(prev)) {
          out.append('_');
        }
      }
      out.append(c);
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /**
   * Replaces every character outside {@code [a-zA-Z0-9_]} with {@code _}, case kept, as KSM does
   * for the {@code resource} label of container and node resources ({@code nvidia.com/gpu} gives
   * {@code nvidia_com_gpu}).
   */
  public static String sanitizeResourceName(String name) {
    StringBuilder out = new StringBuilder(name.length());
    name.codePoints().forEach(cp -> out.append(isLabelChar(cp) ? (char) cp : '_'));
    return out.toString();
  }

  private static boolean isLabelChar(int cp) {
    return cp == '_' || (cp < 128 && (isLower((char) cp) || isUpper((char) cp) || isDigit((char) cp)));
  }

  private static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  private static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
