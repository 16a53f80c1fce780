package dev.kubestate.exporter.exposition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * KSM's number format (reference/ksm-behaviour.md 3.4): the table of that section, kept in {@code
 * exposition/float-format.tsv}, and a seeded property check over random bit patterns against an
 * independent shortest-digits test.
 */
class FloatTextTest {

  private static final Pattern SCIENTIFIC =
      Pattern.compile("-?[1-9](\\.[0-9]*[1-9])?e[+-]([0-9]+)");
  private static final Pattern PLAIN = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]*[1-9])?");

  static Stream<Arguments> table() throws IOException {
    List<Arguments> rows = new ArrayList<>();
    try (InputStream in = FloatTextTest.class.getResourceAsStream("/exposition/float-format.tsv")) {
      assertNotNull(in, "exposition/float-format.tsv on the test classpath");
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cols = line.split("\t");
        rows.add(Arguments.of(cols[0], cols[1]));
      }
    }
    return rows.stream();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("table")
  void formatsTableValueAsKsm(String value, String text) {
    double d =
        value.startsWith("bits:")
            ? Double.longBitsToDouble(Long.parseUnsignedLong(value.substring(5), 16))
            : Double.parseDouble(value);
    assertEquals(text, FloatText.format(d));
  }

  @Test
  void formatsSumOfTenthAndFifthWithAllDigits() {
    assertEquals("0.30000000000000004", FloatText.format(0.1 + 0.2));
  }

  @Test
  void appendsToBufferAsFormatReturns() {
    ExpositionBuffer b = new ExpositionBuffer(1);
    b.appendValue(1.5e9).appendByte(' ').appendValue(-0.25);
    assertEquals("1.5e+09 -0.25", b.toString());
  }

  /**
   * For random bit patterns: the text reads back as the same double, no string with fewer
   * significant digits reads back as it, the nearer of the two candidates of that length was
   * chosen, and the layout is scientific exactly when the exponent is below -4 or at least 6.
   */
  @Test
  void printsShortestRoundTripDigitsForRandomBitPatterns() {
    SplittableRandom random = new SplittableRandom(20261125L);
    for (int i = 0; i < 100_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      String text = FloatText.format(d);
      if (Double.isNaN(d)) {
        assertEquals("NaN", text);
        continue;
      }
      if (Double.isInfinite(d)) {
        assertEquals(d > 0 ? "+Inf" : "-Inf", text);
        continue;
      }
      checkShortest(d, text);
    }
  }

  @Test
  void printsShortestRoundTripDigitsForIntegersAndThousandths() {
    SplittableRandom random = new SplittableRandom(7L);
    for (int i = 0; i < 20_000; i++) {
      double integral = (double) random.nextLong(1L << 60);
      checkShortest(integral, FloatText.format(integral));
      double thousandths = random.nextLong(-10_000_000L, 10_000_000L) / 1000.0;
      checkShortest(thousandths, FloatText.format(thousandths));
    }
  }

  /**
   * Values with few decimals at every scale (the quotients of small integers by powers of ten, as
   * CPU cores and fractions are), their neighbours one ulp away, and values just below a power of
   * ten: the shortest digits, checked as above.
   */
  @Test
  void printsShortestRoundTripDigitsForShortDecimalsAndTheirNeighbours() {
    SplittableRandom random = new SplittableRandom(20261203L);
    for (int i = 0; i < 50_000; i++) {
      int scale = random.nextInt(1, 23);
      long digits = random.nextLong(1, 1L << random.nextInt(1, 54));
      double d = digits / Math.pow(10, scale);
      checkShortest(d, FloatText.format(d));
      checkShortest(-d, FloatText.format(-d));
      double up = Math.nextUp(d);
      checkShortest(up, FloatText.format(up));
      double down = Math.nextDown(d);
      checkShortest(down, FloatText.format(down));
    }
    for (int e = -20; e < 16; e++) {
      double below = Math.nextDown(Math.pow(10, e));
      checkShortest(below, FloatText.format(below));
    }
  }

  private static void checkShortest(double d, String text) {
    if (d == 0) {
      assertEquals("0", text);
      return;
    }
    double parsed = Double.parseDouble(text);
    assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits(parsed), text);
    BigDecimal printed = new BigDecimal(text).stripTrailingZeros();
    int digits = printed.precision();
    int exponent = digits - printed.scale() - 1;
    BigDecimal exact = new BigDecimal(d);
    if (digits > 1) {
      assertFalse(
          roundTrips(exact.round(new MathContext(digits - 1, RoundingMode.FLOOR)), d)
              || roundTrips(exact.round(new MathContext(digits - 1, RoundingMode.CEILING)), d),
          () ->
              text
                  + " is not shortest for bits "
                  + Long.toHexString(Double.doubleToLongBits(d))
                  + " ("
                  + exact
                  + ")");
    }
    BigDecimal down = exact.round(new MathContext(digits, RoundingMode.FLOOR));
    BigDecimal up = exact.round(new MathContext(digits, RoundingMode.CEILING));
    if (roundTrips(down, d) && roundTrips(up, d) && down.compareTo(up) != 0) {
      int cmp = exact.subtract(down).compareTo(up.subtract(exact));
      if (cmp != 0) {
        BigDecimal nearer = cmp < 0 ? down : up;
        assertEquals(
            0, nearer.compareTo(printed), () -> text + " is not the closest of its length");
      }
    }
    boolean scientific = exponent < -4 || exponent >= 6;
    Matcher m = (scientific ? SCIENTIFIC : PLAIN).matcher(text);
    if (!m.matches()) {
      fail(text + " has the wrong layout for exponent " + exponent);
    }
    if (scientific) {
      assertTrue(m.group(2).length() >= 2, () -> text + " needs two exponent digits");
      assertEquals(Math.abs(exponent), Integer.parseInt(m.group(2)), text);
    }
  }

  private static boolean roundTrips(BigDecimal candidate, double d) {
    return candidate.doubleValue() == d;
  }
}
