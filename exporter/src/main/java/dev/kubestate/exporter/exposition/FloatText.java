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
 * <p>Stateless and thread-safe. Integral values below 2^53 and values with few decimals (up to
 * about 15 significant digits, such as 0.25 or 0.001) allocate nothing; other values use {@link
 * BigDecimal} to find the shortest digits (JDK 17's {@code Double.toString} is not always
 * shortest).
 */
public final class FloatText {

  private static final long EXACT_LIMIT = 1L << 53;

  /** Below this, a scaled value's rounding interval holds at most one integer (see fast path). */
  private static final double FAST_LIMIT = 1L << 50;

  /** 10^0 to 10^22, each an exact double. */
  private static final double[] POWERS_OF_TEN = new double[23];

  static {
    POWERS_OF_TEN[0] = 1;
    for (int i = 1; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
    }
  }

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
    if (appendShortDecimal(out, value)) {
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
    String text = stripped.unscaledValue().toString();
    byte[] digits = out.scratch();
    for (int i = 0; i < text.length(); i++) {
      digits[i] = (byte) text.charAt(i);
    }
    layout(out, digits, text.length(), text.length() - 1 - stripped.scale());
  }

  /**
   * The fast path for positive values with few decimals (0.25, 0.001, 1.5, 99.95): finds the
   * smallest {@code k} such that some integer {@code m} gives {@code m / 10^k == value}, and writes
   * {@code m}'s digits. Correct because: both {@code m} and {@code 10^k} are exact doubles and IEEE
   * division rounds correctly, so the check is "the decimal {@code m * 10^-k} reads back as {@code
   * value}"; the number of significant digits of such decimals grows with {@code k}, so the first
   * {@code k} gives the shortest; and below {@link #FAST_LIMIT} the rounding interval of {@code
   * value} (narrower than {@code 10^-k} there) holds only one multiple of {@code 10^-k}, which
   * {@code rint(value * 10^k)} finds (the product's rounding error is far below 1/2), so there is
   * no nearer candidate of the same length. Returns false, having written nothing, when no {@code
   * k} works while {@code m} stays below the limit. Allocates nothing.
   */
  private static boolean appendShortDecimal(ExpositionBuffer out, double value) {
    for (int k = 1; k < POWERS_OF_TEN.length; k++) {
      double scaled = value * POWERS_OF_TEN[k];
      if (scaled >= FAST_LIMIT) {
        return false;
      }
      double m = Math.rint(scaled);
      if (m != 0 && m / POWERS_OF_TEN[k] == value) {
        byte[] digits = out.scratch();
        int n = digits((long) m, digits);
        layout(out, digits, n, n - 1 - k);
        return true;
      }
    }
    return false;
  }

  /** Writes the decimal digits of {@code v > 0}, most significant first; returns their count. */
  private static int digits(long v, byte[] digits) {
    int n = 0;
    for (long rest = v; rest > 0; rest /= 10) {
      digits[n++] = (byte) ('0' + (rest % 10));
    }
    for (int i = 0, j = n - 1; i < j; i++, j--) {
      byte t = digits[i];
      digits[i] = digits[j];
      digits[j] = t;
    }
    return n;
  }

  private static BigDecimal round(BigDecimal exact, int precision) {
    return exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
  }

  /** Integral value in [1, 2^53): its decimal digits, trailing zeros trimmed, are shortest. */
  private static void appendIntegral(ExpositionBuffer out, long v) {
    if (v < 10) {
      out.appendByte((int) ('0' + v));
      return;
    }
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

  /** Writes {@code n} significant digits (no trailing zero) of decimal exponent {@code exponent}. */
  private static void layout(ExpositionBuffer out, byte[] digits, int n, int exponent) {
    if (exponent < -4 || exponent >= 6) {
      out.appendByte(digits[0]);
      if (n > 1) {
        out.appendByte('.');
        out.appendBytes(digits, 1, n - 1);
      }
      appendExponent(out, exponent);
      return;
    }
    if (exponent < 0) {
      out.appendByte('0').appendByte('.');
      for (int i = -1; i > exponent; i--) {
        out.appendByte('0');
      }
      out.appendBytes(digits, 0, n);
      return;
    }
    int intDigits = exponent + 1;
    if (n <= intDigits) {
      out.appendBytes(digits, 0, n);
      for (int i = n; i < intDigits; i++) {
        out.appendByte('0');
      }
      return;
    }
    out.appendBytes(digits, 0, intDigits);
    out.appendByte('.');
    out.appendBytes(digits, intDigits, n - intDigits);
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
