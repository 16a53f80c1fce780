package dev.kubestate.exporter.exposition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Picks the response format from an {@code Accept} header the way KSM does
 * (reference/ksm-behaviour.md 3.1): clauses by descending q, concrete types before wildcards,
 * the first {@code text/plain} (0.0.4 or no version) or {@code application/openmetrics-text}
 * (1.0.0, 0.0.1 or no version) wins; a protobuf clause ends the walk with text; no match gives
 * text. Immutable result; thread-safe.
 *
 * @param format the chosen format
 * @param escaping the {@code escaping=} scheme to echo (OpenMetrics only), default underscores
 */
public record Negotiation(Format format, String escaping) {

  private static final String TEXT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

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
      if (c.escaping != null) {
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
      } else if (c.type.equals("application/vnd.google.protobuf")) {
        return new Negotiation(Format.TEXT, escaping);
      }
    }
    return new Negotiation(Format.TEXT, escaping);
  }

  private static List<Clause> clauses(String accept) {
    List<Clause> out = new ArrayList<>();
    int order = 0;
    for (String part : accept.split(",")) {
      String[] params = part.split(";");
      String type = params[0].trim().toLowerCase(Locale.ROOT);
      if (type.isEmpty()) {
        continue;
      }
      double q = 1.0;
      String version = null;
      String escaping = null;
      for (int i = 1; i < params.length; i++) {
        String p = params[i].trim();
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
            version = value;
            break;
          case "escaping":
            escaping = value;
            break;
          default:
            break;
        }
      }
      out.add(new Clause(type, version, escaping, q, type.contains("*"), order++));
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

  private static double parseQ(String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private record Clause(
      String type, String version, String escaping, double q, boolean wildcard, int order) {}
}
