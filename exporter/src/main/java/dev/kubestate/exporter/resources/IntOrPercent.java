package dev.kubestate.exporter.resources;

/**
 * Kubernetes' int-or-percent values ({@code maxUnavailable: 1} or {@code 25%}) resolved against a
 * total the way the API machinery does it for KSM: an integer is taken as is, {@code N%} gives
 * {@code N * total / 100} rounded down or up. Total: a value the API machinery cannot resolve
 * gives {@link Double#NaN}, where KSM returns an empty family. Stateless.
 */
final class IntOrPercent {

  private IntOrPercent() {}

  /**
   * Resolves a value as fabric8 holds it ({@link Integer} for a JSON number, {@link String}
   * otherwise).
   *
   * @param value an {@code Integer} or a string {@code <decimal>%}
   * @param total what a percentage is relative to, e.g. {@code spec.replicas}
   * @param roundUp whether a fractional result rounds up (maxSurge) or down (maxUnavailable)
   * @return the value, or {@link Double#NaN} for any other value: null, a string without {@code
   *     %}, a percentage that is not a decimal integer, a non-integral number
   */
  static double scaled(Object value, int total, boolean roundUp) {
    if (value instanceof Integer) {
      return (Integer) value;
    }
    if (!(value instanceof String)) {
      return Double.NaN;
    }
    String s = (String) value;
    if (!s.endsWith("%")) {
      return Double.NaN;
    }
    double percent = parseDecimal(s, s.length() - 1);
    double scaled = percent * (double) total / 100;
    return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
  }

  /**
   * Parses {@code s[0, end)} as Go's {@code strconv.Atoi} does: optional sign, ASCII digits, in
   * 64-bit range; {@link Double#NaN} otherwise.
   */
  private static double parseDecimal(String s, int end) {
    int start = end > 0 && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    boolean digits = end > start;
    for (int i = start; i < end && digits; i++) {
      digits = s.charAt(i) >= '0' && s.charAt(i) <= '9';
    }
    if (digits) {
      try {
        return Long.parseLong(s.substring(0, end));
      } catch (NumberFormatException e) {
        // out of range: reported below
      }
    }
    return Double.NaN;
  }
}
