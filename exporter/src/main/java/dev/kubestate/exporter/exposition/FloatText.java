package dev.kubestate.exporter.exposition;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a sample value exactly as KSM does: Go's {@code strconv.FormatFloat(v, 'g', -1, 64)}
 * with the special cases of reference/ksm-behaviour.md 3.4 ({@code 1}, {@code 0}, {@code -1},
 * {@code NaN}, {@code +Inf}, {@code -Inf}). The digits are the shortest that round-trip to the
 * same double (closest to the exact value when several are as short); the layout is scientific
 * when the decimal exponent is below -4 or at least 6, plain otherwise.
 *
 * <p>Stateless and thread-safe. Integral values below 2^53 allocate nothing; other values use
 * {@link BigDecimal} to find the shortest digits (JDK 17's {@code Double.toString} is not always
 * shortest).
 */
public final class FloatText {

  private static final long EXACT_LIMIT = 1L << 53;

  private FloatText() {}

  /** Returns the text of {@code value}; allocates the returned string. */
  public static String format(double value) {
    ExpositionBuffer b = new ExpositionBuffer(32);
    append(b, value);
    return b.toString();
  }

  /** Appends the text of {@code value} to {@code out}. */
  public static void append(ExpositionBuffer out, double value) {
    if (value == 0) {
      out.appendByte('0');
      return;
    }
    if (Double.isNaN(value)) {
      out.appendAscii("NaN");
      return;
    }
    if (Double.isInfinite(value)) {
      out.appendAscii(value > 0 ? "+Inf" : "-Inf");
      return;
    }
    if (value < 0) {
      out.appendByte('-');
      value = -value;
    }
    if (value < EXACT_LIMIT && value == Math.rint(value)) {
      appendIntegral(out, (long) value);
      return;
    }
    // Rounding the exact value to more digits only brings it closer, so "round-trips at
    // precision p" is monotonic in p: binary search finds the shortest among 1..17 digits.
    BigDecimal exact = new BigDecimal(value);
    int lo = 1;
    int hi = 17;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (round(exact, mid).doubleValue() == value) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    BigDecimal stripped = round(exact, lo).stripTrailingZeros();
    String digits = stripped.unscaledValue().toString();
    int exponent = digits.length() - 1 - stripped.scale();
    layout(out, digits, digits.length(), exponent);
  }

  private static BigDecimal round(BigDecimal exact, int precision) {
    return exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
  }

  /** Integral value in [1, 2^53): its decimal digits, trailing zeros trimmed, are shortest. */
  private static void appendIntegral(ExpositionBuffer out, long v) {
    // 2^53 has 16 digits.
    byte[] digits = out.scratch();
    int n = 0;
    long rest = v;
    while (rest > 0) {
      digits[n++] = (byte) ('0' + (rest % 10));
      rest /= 10;
    }
    int exponent = n - 1;
    int trailingZeros = 0;
    while (digits[trailingZeros] == '0') {
      trailingZeros++;
    }
    int significant = n - trailingZeros;
    // reverse in place into most-significant-first order
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      byte t = digits[i];
      digits[i] = digits[j];
      digits[j] = t;
    }
    if (exponent < 6) {
      out.appendBytes(digits, 0, n);
      return;
    }
    out.appendByte(digits[0]);
    if (significant > 1) {
      out.appendByte('.');
      out.appendBytes(digits, 1, significant - 1);
    }
    appendExponent(out, exponent);
  }

  private static void layout(ExpositionBuffer out, String digits, int n, int exponent) {
    if (exponent < -4 || exponent >= 6) {
      out.appendByte(digits.charAt(0));
      if (n > 1) {
        out.appendByte('.');
        out.appendAscii(digits, 1, n);
      }
      appendExponent(out, exponent);
      return;
    }
    if (exponent < 0) {
      out.appendAscii("0.");
      for (int i = -1; i > exponent; i--) {
        out.appendByte('0');
      }
      out.appendAscii(digits, 0, n);
      return;
    }
    int intDigits = exponent + 1;
    if (n <= intDigits) {
      out.appendAscii(digits, 0, n);
      for (int i = n; i < intDigits; i++) {
        out.appendByte('0');
      }
      return;
    }
    out.appendAscii(digits, 0, intDigits);
    out.appendByte('.');
    out.appendAscii(digits, intDigits, n);
  }

  private static void appendExponent(ExpositionBuffer out, int exponent) {
    out.appendByte('e');
    out.appendByte(exponent < 0 ? '-' : '+');
    int e = Math.abs(exponent);
    if (e < 10) {
      out.appendByte('0');
    }
    if (e >= 100) {
      out.appendByte('0' + e / 100);
    }
    if (e >= 10) {
      out.appendByte('0' + (e / 10) % 10);
    }
    out.appendByte('0' + e % 10);
  }
}
