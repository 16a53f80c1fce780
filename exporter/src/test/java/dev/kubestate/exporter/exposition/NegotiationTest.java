package dev.kubestate.exporter.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Accept negotiation as KSM does it (reference/ksm-behaviour.md 3.1). */
class NegotiationTest {

  private static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";

  /** Prometheus 3's default scrape Accept header, the example of section 3.1. */
  private static final String PROMETHEUS_3 =
      "application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,"
          + "application/openmetrics-text;version=0.0.1;q=0.5,"
          + "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,"
          + "text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

  private static final String PROTOBUF =
      "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited";

  @Test
  void choosesOpenMetrics100ForPrometheus3DefaultAccept() {
    Negotiation n = Negotiation.of(PROMETHEUS_3);
    assertEquals(Format.OPENMETRICS_1_0_0, n.format());
    assertEquals(
        "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=allow-utf-8",
        n.contentType());
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {" ", "*/*", "text/*", "application/json", "text/plain;version=1.0.0"})
  void fallsBackToTextWithoutUsableClause(String accept) {
    Negotiation n = Negotiation.of(accept);
    assertEquals(Format.TEXT, n.format());
    assertEquals(TEXT, n.contentType());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "text/plain | TEXT",
        "text/plain;version=0.0.4 | TEXT",
        "text/plain; version=0.0.4; charset=utf-8 | TEXT",
        "application/openmetrics-text | OPENMETRICS_0_0_1",
        "application/openmetrics-text;version=0.0.1 | OPENMETRICS_0_0_1",
        "application/openmetrics-text;version=1.0.0 | OPENMETRICS_1_0_0",
        "application/openmetrics-text;version=2.0.0 | TEXT",
        "application/openmetrics-text;version=2.0.0,text/plain | TEXT",
        "text/plain;version=1.0.0,application/openmetrics-text;version=1.0.0 | OPENMETRICS_1_0_0"
      })
  void picksFirstServableClause(String accept, Format expected) {
    assertEquals(expected, Negotiation.of(accept).format());
  }

  @Test
  void ordersClausesByDescendingQuality() {
    assertEquals(
        Format.OPENMETRICS_1_0_0,
        Negotiation.of("text/plain;q=0.5,application/openmetrics-text;version=1.0.0;q=0.9")
            .format());
    assertEquals(
        Format.TEXT,
        Negotiation.of("application/openmetrics-text;version=1.0.0;q=0.1,text/plain;q=0.2")
            .format());
  }

  @Test
  void treatsMissingQualityAsOne() {
    assertEquals(
        Format.OPENMETRICS_0_0_1,
        Negotiation.of("text/plain;q=0.99,application/openmetrics-text").format());
  }

  @Test
  void skipsWildcardsRankedAboveConcreteTypes() {
    assertEquals(
        Format.OPENMETRICS_1_0_0,
        Negotiation.of("*/*;q=1,application/openmetrics-text;version=1.0.0;q=0.5").format());
  }

  @Test
  void answersTextWhenProtobufRanksAboveOpenMetrics() {
    Negotiation n =
        Negotiation.of(PROTOBUF + ";q=0.7,application/openmetrics-text;version=1.0.0;q=0.5");
    assertEquals(Format.TEXT, n.format());
    assertEquals(TEXT, n.contentType());
  }

  @Test
  void ignoresProtobufRankedBelowOpenMetrics() {
    assertEquals(
        Format.OPENMETRICS_1_0_0,
        Negotiation.of(PROTOBUF + ";q=0.4,application/openmetrics-text;version=1.0.0;q=0.5")
            .format());
  }

  @Test
  void echoesEscapingOfAnEarlierSkippedClause() {
    Negotiation n =
        Negotiation.of(
            "text/plain;version=1.0.0;escaping=allow-utf-8;q=0.9,"
                + "application/openmetrics-text;version=0.0.1;q=0.8");
    assertEquals(
        "application/openmetrics-text; version=0.0.1; charset=utf-8; escaping=allow-utf-8",
        n.contentType());
  }

  @Test
  void defaultsEscapingToUnderscores() {
    assertEquals(
        "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=underscores",
        Negotiation.of("application/openmetrics-text;version=1.0.0").contentType());
  }

  @Test
  void neverPutsEscapingOnTextContentType() {
    assertEquals(TEXT, Negotiation.of("text/plain;escaping=allow-utf-8").contentType());
  }

  /** Clauses client_golang's parser skips: no media range, or a range that is not type/subtype. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        ";", ";;", ",", ",,,", "; ,", "text/plain,;", ";,text/plain", "=", "q=1", ";q=0.5",
        "text", "text/plain/x", "/", "a/b/c;version=0.0.4", "\u0000", "text/plain;", "text/plain;=",
        "text/plain;q", "text/plain;q=", "text/plain;version", "text/plain;;;version=0.0.4"
      })
  void answersTextForClausesThatDoNotParse(String accept) {
    Negotiation n = Negotiation.of(accept);
    assertEquals(Format.TEXT, n.format());
    assertEquals(TEXT, n.contentType());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        ";,application/openmetrics-text;version=1.0.0",
        "application/openmetrics-text;version=1.0.0,;",
        "garbage,application/openmetrics-text;version=1.0.0;;",
        "application/openmetrics-text;;version=1.0.0;x",
        ",,application/openmetrics-text ; version = 1.0.0 ,"
      })
  void skipsBrokenClausesAndKeepsTheRest(String accept) {
    assertEquals(Format.OPENMETRICS_1_0_0, Negotiation.of(accept).format());
  }

  /** client_golang: an empty version parameter counts as no version. */
  @Test
  void treatsAnEmptyVersionAsNone() {
    assertEquals(Format.TEXT, Negotiation.of("text/plain;version=").format());
    assertEquals(
        Format.OPENMETRICS_0_0_1, Negotiation.of("application/openmetrics-text;version=").format());
  }

  /** A quality that is not a number counts as 0, so every other clause ranks above it. */
  @ParameterizedTest
  @ValueSource(strings = {"x", "", "NaN", "Infinity", "-Infinity", "1e999", "1f", "0x", "1 5"})
  void ranksAnUnreadableQualityLast(String q) {
    assertEquals(
        Format.OPENMETRICS_0_0_1,
        Negotiation.of("text/plain;q=" + q + ",application/openmetrics-text;q=0.001").format());
  }

  /**
   * Only the schemes Prometheus defines are echoed (allow-utf-8, underscores, dots, values, case
   * as written); client_golang ignores any other value and keeps what it had.
   */
  @ParameterizedTest
  @ValueSource(strings = {"allow-utf-8", "underscores", "dots", "values"})
  void echoesEachDefinedEscapingScheme(String scheme) {
    assertEquals(
        "application/openmetrics-text; version=1.0.0; charset=utf-8; escaping=" + scheme,
        Negotiation.of("application/openmetrics-text;version=1.0.0;escaping=" + scheme)
            .contentType());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "x", "Dots", "allow-utf8", "underscores\r\nSet-Cookie: a=b", "dots charset=latin1",
        "values\"", "\u00e9"
      })
  void ignoresUndefinedEscapingValues(String value) {
    assertEquals(
        "application/openmetrics-text; version=0.0.1; charset=utf-8; escaping=underscores",
        Negotiation.of("application/openmetrics-text;escaping=" + value).contentType());
    assertEquals(
        "application/openmetrics-text; version=0.0.1; charset=utf-8; escaping=dots",
        Negotiation.of(
                "text/plain;version=9;escaping=dots;q=0.9,"
                    + "application/openmetrics-text;escaping="
                    + value
                    + ";q=0.5")
            .contentType());
  }

  @Test
  void refusesAnUndefinedSchemeInTheResult() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new Negotiation(Format.OPENMETRICS_1_0_0, "x\r\nA: b"));
    assertTrue(e.getMessage().startsWith("escaping: expected one of"), e.getMessage());
  }

  /**
   * client_golang ends the walk only at a protobuf clause naming the MetricFamily proto and one of
   * its encodings; any other protobuf clause is skipped like an unknown type.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/vnd.google.protobuf",
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily",
        "application/vnd.google.protobuf;proto=other;encoding=delimited",
        "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=x"
      })
  void skipsProtobufClausesClientGolangDoesNotServe(String clause) {
    assertEquals(
        Format.OPENMETRICS_1_0_0,
        Negotiation.of(clause + ";q=0.9,application/openmetrics-text;version=1.0.0;q=0.5")
            .format());
  }

  /** Seeded random headers from a hostile alphabet: every one negotiates, none throws. */
  @Test
  void negotiatesEveryRandomHeader() {
    java.util.Random random = new java.util.Random(20261203L);
    String alphabet = ";,=/ *\t\"qQ.0123456789-abcdeilmnoprstvxyz\u0000\u00ff\uffff";
    String[] pieces = {
      "text/plain", "application/openmetrics-text", "version=1.0.0", "version=0.0.4", "q=",
      "escaping=", "allow-utf-8", "*/*", "application/vnd.google.protobuf", "proto=", "encoding="
    };
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      int n = random.nextInt(24);
      for (int j = 0; j < n; j++) {
        if (random.nextInt(3) == 0) {
          b.append(pieces[random.nextInt(pieces.length)]);
        } else {
          b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      Negotiation result = Negotiation.of(b.toString());
      assertTrue(result.contentType().matches("[ -~]+"), b::toString);
    }
  }
}
