package dev.kubestate.exporter.exposition;

import java.nio.charset.StandardCharsets;

/**
 * The {@code # HELP} and {@code # TYPE} lines of one family, rendered once per format.
 * Immutable and thread-safe.
 */
public final class FamilyHeader {

  private final byte[] text;
  private final byte[] openMetrics;

  /**
   * @param name family name (legacy-valid, ASCII)
   * @param help full help text as written after the name, including any {@code [STABLE] } or
   *     deprecation prefix; backslash and line feed are escaped here, quotes are not (KSM 3.3)
   * @param type the family type
   */
  public FamilyHeader(String name, String help, MetricType type) {
    this.text = render(name, help, type.typeName(Format.TEXT));
    this.openMetrics = render(name, help, type.typeName(Format.OPENMETRICS_1_0_0));
  }

  /** The header bytes for a format; the same array every call: do not modify. */
  public byte[] bytes(Format format) {
    return format == Format.TEXT ? text : openMetrics;
  }

  private static byte[] render(String name, String help, String typeName) {
    StringBuilder sb = new StringBuilder(name.length() * 2 + help.length() + 32);
    sb.append("# HELP ").append(name).append(' ');
    for (int i = 0; i < help.length(); i++) {
      char c = help.charAt(i);
      if (c == '\\') {
        sb.append("\\\\");
      } else if (c == '\n') {
        sb.append("\\n");
      } else {
        sb.append(c);
      }
    }
    sb.append('\n').append("# TYPE ").append(name).append(' ').append(typeName).append('\n');
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
