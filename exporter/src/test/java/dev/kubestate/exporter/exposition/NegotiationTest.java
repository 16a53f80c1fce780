package dev.kubestate.exporter.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
