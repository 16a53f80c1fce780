package dev.kubestate.exporter.exposition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Picks the response format from an {@code Accept} header the way KSM does
 * (reference/ksm-behaviour.md 3.1): clauses by descending q, concrete types before wildcards,
 * the first {@code text/plain} (0.0.4 or no version) or {@code application/openmetrics-text}
 * (1.0.0, 0.0.1 or no version) wins; a protobuf clause ends the walk with text; no match gives
 * text. Every header value is accepted: clauses that do not parse are skipped, never refused
 * (KSM answers every Accept). An {@code escaping=} value is remembered only when it is one of the
 * schemes Prometheus defines. Immutable result; thread-safe.
 *
 * @param format the chosen format
 * @param escaping the {@code escaping=} scheme to echo (OpenMetrics only), default underscores
 */
public record Negotiation(Format format, String escaping) {

  private static final String TEXT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  /**
   * The {@code escaping=} values Prometheus defines (its UTF-8 escaping schemes); any other value
   * is ignored, as client_golang's negotiation ignores an unknown scheme, so a client cannot put
   * arbitrary text into the response's {@code Content-Type}.
   */
  private static final List<String> ESCAPING_SCHEMES =
      List.of("allow-utf-8", "underscores", "dots", "values");

  private static final String PROTOBUF_PROTO = "io.prometheus.client.MetricFamily";
  private static final List<String> PROTOBUF_ENCODINGS =
      List.of("delimited", "text", "compact-text");

  /**
   * @throws IllegalArgumentException when {@code escaping} is not a scheme Prometheus defines
   */
  public Negotiation {
    Objects.requireNonNull(format, "format");
    if (!isEscapingScheme(escaping)) {
      throw new IllegalArgumentException(
          "escaping: expected one of " + ESCAPING_SCHEMES + ", got " + escaping);
    }
  }

  /** The {@code Content-Type} header value for this result. */
  public String contentType() {
    switch (format) {
      case OPENMETRICS_1_0_0:
        return "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=" + escaping;
      case OPENMETRICS_0_0_1:
        return "application/openmetrics-text; version=0.0.1; charset=utf-8; escaping=" + escaping;
      default:
        return TEXT_TYPE;
    }
  }

  /** Negotiates from an Accept header; null or empty gives text. */
  public static Negotiation of(String accept) {
    String escaping = "underscores";
    if (accept == null || accept.isBlank()) {
      return new Negotiation(Format.TEXT, escaping);
    }
    for (Clause c : clauses(accept)) {
      if (c.escaping != null && isEscapingScheme(c.escaping)) {
        escaping = c.escaping;
      }
      if (c.type.equals("text/plain")) {
        if (c.version == null || c.version.equals("0.0.4")) {
          return new Negotiation(Format.TEXT, escaping);
        }
      } else if (c.type.equals("application/openmetrics-text")) {
        if (c.version == null || c.version.equals("0.0.1")) {
          return new Negotiation(Format.OPENMETRICS_0_0_1, escaping);
        }
        if (c.version.equals("1.0.0")) {
          return new Negotiation(Format.OPENMETRICS_1_0_0, escaping);
        }
      } else if (c.isProtobuf()) {
        return new Negotiation(Format.TEXT, escaping);
      }
    }
    return new Negotiation(Format.TEXT, escaping);
  }

  /**
   * The clauses of {@code accept} as client_golang's parser reads them: comma-separated media
   * ranges with {@code ;}-separated parameters; a range that is neither {@code type/subtype} nor
   * {@code *} is skipped (so an empty clause, {@code ;} or {@code ,,} is ignored), a parameter
   * without {@code =} is ignored, and a {@code q} that is not a number counts as 0. Never throws.
   */
  private static List<Clause> clauses(String accept) {
    List<Clause> out = new ArrayList<>();
    int order = 0;
    for (String part : accept.split(",", -1)) {
      String[] params = part.split(";", -1);
      String type = params[0].trim().toLowerCase(Locale.ROOT);
      int slash = type.indexOf('/');
      boolean mediaRange = slash >= 0 ? slash == type.lastIndexOf('/') : type.equals("*");
      if (!mediaRange) {
        continue;
      }
      double q = 1.0;
      String version = null;
      String escaping = null;
      Map<String, String> rest = new HashMap<>();
      for (int i = 1; i < params.length; i++) {
        String p = params[i];
        int eq = p.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
        String value = p.substring(eq + 1).trim();
        switch (key) {
          case "q":
            q = parseQ(value);
            break;
          case "version":
            version = value.isEmpty() ? null : value;
            break;
          case "escaping":
            escaping = value;
            break;
          default:
            rest.put(key, value);
            break;
        }
      }
      out.add(
          new Clause(
              type, version, escaping, rest.get("proto"), rest.get("encoding"), q,
              type.contains("*"), order++));
    }
    out.sort(
        (a, b) -> {
          int byQ = Double.compare(b.q, a.q);
          if (byQ != 0) {
            return byQ;
          }
          if (a.wildcard != b.wildcard) {
            return a.wildcard ? 1 : -1;
          }
          return Integer.compare(a.order, b.order);
        });
    return out;
  }

  /** A quality value; anything but a finite decimal number counts as 0, as Go's parser does. */
  private static double parseQ(String value) {
    try {
      double q = Double.parseDouble(value);
      return Double.isFinite(q) && !value.endsWith("d") && !value.endsWith("f") ? q : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Whether {@code value} is an escaping scheme Prometheus defines (the exposition formats). */
  static boolean isEscapingScheme(String value) {
    for (String scheme : ESCAPING_SCHEMES) {
      if (scheme.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private record Clause(
      String type,
      String version,
      String escaping,
      String proto,
      String encoding,
      double q,
      boolean wildcard,
      int order) {

    /** client_golang's protobuf clause: the MetricFamily proto in one of its three encodings. */
    boolean isProtobuf() {
      return type.equals("application/vnd.google.protobuf")
          && PROTOBUF_PROTO.equals(proto)
          && encoding != null
          && PROTOBUF_ENCODINGS.contains(encoding);
    }
  }
}
