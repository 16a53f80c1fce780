package dev.kubestate.exporter.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Go's {@code Quantity.AsApproximateFloat64} after {@code ParseQuantity} (apimachinery
 * pkg/api/resource/quantity.go). Each expected value is Go's float arithmetic on the internal form
 * the parser picks, worked out by hand (unscaled x math.Pow10(scale)), not read from our output.
 */
class ApproximateQuantitiesTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    // up to 18 digits and scale >= -9: a 64-bit integer times 10^scale, in float64
    "0.5, 0.5",
    "0.25, 0.25",
    "700m, 0.7000000000000001",
    "0.7, 0.7000000000000001",
    "0.3, 0.30000000000000004",
    "300m, 0.3",
    "-250m, -0.25",
    "0, 0",
    "000, 0",
    "1e3, 1000",
    "2E-2, 0.02",
    "1n, 1e-9",
    "123456789.123456789, 123456789.12345679",
    // binary suffix without fraction: an integer of scale 0
    "1Ki, 1024",
    "3Gi, 3221225472",
    // otherwise: rounded up to nanos, the unscaled integer to float64, times 10^-9
    "1234567890.123456789, 1234567890.123457",
    "0.1n, 1e-9",
    "1.5Ki, 1536",
    "7Ei, 8.070450532247929e18",
    "1e-20, 1e-9",
    "-1e-20, -1e-9",
    // beyond float64: +Inf, from math.Pow10 or from the big-float conversion
    "1e400, Infinity",
    "1234567890123456789e400, Infinity",
    // a binary value beyond int64 is capped at 2^63-1
    "8Ei, 9.223372036854776e18",
  })
  void multipliesGoInternalFormAsGoDoes(String text, double expected) {
    assertEquals(expected, ApproximateQuantities.of(text));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"", "abc", "1x", "1.5.5", "1e", "1Ki2", "1e99999999999999999999"})
  void rejectsWhatTheParserRejects(String text) {
    assertThrows(IllegalArgumentException.class, () -> ApproximateQuantities.of(text));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"700m", "0.3", "1Ki", "1e3"})
  void readsAFabric8QuantityFromItsText(String text) {
    assertEquals(ApproximateQuantities.of(text), ApproximateQuantities.of(new Quantity(text)));
  }
}
