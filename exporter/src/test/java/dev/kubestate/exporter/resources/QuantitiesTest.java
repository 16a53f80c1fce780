package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Quantities are total: what the parser rejects is Go's zero quantity, 0; extreme exponents are
 * answered without building their digits.
 */
class QuantitiesTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {"abc|", "1.5.5|Gi", "|", "0x10|", "\uFFFF|", "1|e9223372036854775807", "1|mi"})
  void unparsableIsZero(String amount, String format) {
    Quantity q = new Quantity(amount == null ? "" : amount, format);
    assertEquals(0, Quantities.milliFloat(q));
    assertEquals(0, Quantities.integer(q));
  }

  @Test
  void roundsTinyValuesUpAwayFromZero() {
    // 0.000001m is 1e-9: one milli-unit (0.001) as a cpu value, 1 as a whole number
    assertEquals(0.001, Quantities.milliFloat(new Quantity("0.000001", "m")));
    assertEquals(1, Quantities.integer(new Quantity("0.000001", "m")));
    assertEquals(0.001, Quantities.milliFloat(new Quantity("1e-999999999", "")));
    assertEquals(-1, Quantities.integer(new Quantity("-1e-999999999", "")));
    assertEquals(0, Quantities.integer(new Quantity("-0", "")));
  }

  @Test
  void hugeValuesAreInfiniteBeyondFloat64() {
    assertEquals(Double.POSITIVE_INFINITY, Quantities.integer(new Quantity("1e400", "")));
    assertEquals(Double.POSITIVE_INFINITY, Quantities.milliFloat(new Quantity("1e999999999", "")));
    assertEquals(Double.NEGATIVE_INFINITY, Quantities.integer(new Quantity("-1e999999999", "")));
    assertEquals(1e300, Quantities.integer(new Quantity("1e300", "")));
  }
}
