package dev.kubestate.exporter.resources;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A quantity as Go's {@code Quantity.AsApproximateFloat64} gives it, which KSM uses for the HPA
 * scaling tolerances. Unlike {@link Quantities} it keeps every digit, but it is not the nearest
 * double either: Go multiplies the unscaled integer of its internal form by {@code 10^scale} in
 * float arithmetic, so {@code 700m} (700 x 0.001) gives 0.7000000000000001 while {@code 0.5}
 * gives 0.5. This class rebuilds that internal form from the text as the apimachinery parser
 * does: up to 18 digits with a scale of at least -9 (or an integer with a binary suffix) are held
 * as a 64-bit integer and a decimal scale; anything else is rounded up to nanos. Stateless.
 */
final class ApproximateQuantities {

  /** Go's {@code math.Pow10} tables: 1e0..1e31, and the steps of 32. */
  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22, 1e23, 1e24, 1e25, 1e26, 1e27, 1e28, 1e29, 1e30, 1e31
  };
  private static final double[] POW10_POS_32 = {
    1e0, 1e32, 1e64, 1e96, 1e128, 1e160, 1e192, 1e224, 1e256, 1e288
  };
  private static final double[] POW10_NEG_32 = {
    1e-0, 1e-32, 1e-64, 1e-96, 1e-128, 1e-160, 1e-192, 1e-224, 1e-256, 1e-288, 1e-320
  };
  private static final int MAX_INT64_DIGITS = 18;
  private static final int NANO = -9;
  /** Decimal digits before the point past which any value is infinite as a float64. */
  private static final int MAX_MAGNITUDE = 330;
  private static final BigDecimal MAX_BINARY = BigDecimal.valueOf(Long.MAX_VALUE);

  private ApproximateQuantities() {}

  /**
   * @param q a quantity; not null
   * @throws IllegalArgumentException for text the apimachinery parser rejects
   */
  static double of(Quantity q) {
    String amount = q.getAmount() == null ? "" : q.getAmount();
    return of(amount + (q.getFormat() == null ? "" : q.getFormat()));
  }

  /**
   * As {@link #of(Quantity)}, but {@link Double#NaN} for text the parser rejects (Go would have
   * decoded no quantity: a pointer field stays nil). Never throws.
   */
  static double orNaN(Quantity q) {
    try {
      return of(q);
    } catch (IllegalArgumentException e) {
      return Double.NaN;
    }
  }

  /**
   * @param text a quantity as written in the object, e.g. {@code 100m}, {@code 0.1}, {@code 1Ki}
   * @throws IllegalArgumentException for text the apimachinery parser rejects
   */
  static double of(String text) {
    int end = text.length();
    int pos = 0;
    boolean negative = false;
    if (pos < end && (text.charAt(pos) == '-' || text.charAt(pos) == '+')) {
      negative = text.charAt(pos) == '-';
      pos++;
    }
    while (pos < end && text.charAt(pos) == '0') {
      pos++;
    }
    int numStart = pos;
    pos = digits(text, pos);
    String num = pos > numStart ? text.substring(numStart, pos) : "0";
    String denom = "";
    if (pos < end && text.charAt(pos) == '.') {
      int denomStart = ++pos;
      pos = digits(text, pos);
      denom = text.substring(denomStart, pos);
    }
    String suffix = text.substring(pos);
    if (text.isEmpty() || !isSuffix(suffix)) {
      throw bad(text);
    }
    boolean binary = suffix.length() == 2 && suffix.charAt(1) == 'i';
    int exponent = exponent(suffix, text);
    if (binary ? isBinaryInt64(num, denom, exponent) : isDecimalInt64(num, denom, exponent)) {
      // unscaled x 10^scale, where a binary value is scaled to an integer of scale 0
      long unscaled = Long.parseLong(num + denom) << (binary ? exponent : 0);
      int scale = binary ? 0 : exponent - denom.length();
      double value = scale == 0 ? unscaled : unscaled * pow10(scale);
      return negative ? -value : value;
    }
    BigDecimal amount = new BigDecimal(num + "." + (denom.isEmpty() ? "0" : denom));
    if (amount.signum() == 0) {
      return 0;
    }
    // |decimal value| < 10^magnitude; bounds the exponent before any big number is built
    long magnitude = (long) amount.precision() - amount.scale() + exponent;
    if (!binary && magnitude > MAX_MAGNITUDE) {
      // beyond float64 however it is rounded: Go's big-float conversion gives +Inf
      return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    if (!binary && magnitude < NANO) {
      // below one nano: rounded up to exactly one
      return negative ? -pow10(NANO) : pow10(NANO);
    }
    amount = binary
        ? amount.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(exponent)))
        : amount.scaleByPowerOfTen(exponent);
    if (binary && amount.compareTo(MAX_BINARY) > 0) {
      return negative ? -(double) Long.MAX_VALUE : (double) Long.MAX_VALUE;
    }
    // Rounded up to whole nanos, then unscaled (correctly rounded to a double) times 10^-9.
    double unscaled = amount.movePointRight(-NANO).setScale(0, RoundingMode.UP).doubleValue();
    double value = unscaled * pow10(NANO);
    return negative ? -value : value;
  }

  /** Whether Go holds a decimal value as a 64-bit integer and a scale. */
  private static boolean isDecimalInt64(String num, String denom, int exponent) {
    return num.length() + denom.length() <= MAX_INT64_DIGITS
        && exponent - denom.length() >= NANO;
  }

  /** Whether Go holds a binary value as a 64-bit integer. */
  private static boolean isBinaryInt64(String num, String denom, int exponent) {
    int precision = 15 - num.length() - (int) ((float) exponent * 3 / 10) - 1;
    if (!denom.isEmpty() || precision < 0) {
      return false;
    }
    long value = Long.parseLong(num);
    return value <= 1 || value <= Long.MAX_VALUE >> exponent;
  }

  /** The power of ten of a suffix: SI, binary ({@code Ki}..{@code Ei}) or {@code e<int>}. */
  private static int exponent(String suffix, String text) {
    switch (suffix) {
      case "":
        return 0;
      case "n":
        return -9;
      case "u":
        return -6;
      case "m":
        return -3;
      case "k":
        return 3;
      case "M":
        return 6;
      case "G":
        return 9;
      case "T":
        return 12;
      case "P":
        return 15;
      case "E":
        return 18;
      case "Ki":
        return 10;
      case "Mi":
        return 20;
      case "Gi":
        return 30;
      case "Ti":
        return 40;
      case "Pi":
        return 50;
      case "Ei":
        return 60;
      default:
        break;
    }
    if (suffix.length() > 1 && (suffix.charAt(0) == 'e' || suffix.charAt(0) == 'E')) {
      try {
        // Go keeps the low 32 bits of the parsed exponent
        return (int) Long.parseLong(suffix.substring(1));
      } catch (NumberFormatException e) {
        throw bad(text);
      }
    }
    throw bad(text);
  }

  /** The parser's suffix grammar: letters of {@code eEinumkKMGTP}, an optional sign, digits. */
  private static boolean isSuffix(String s) {
    int i = 0;
    while (i < s.length() && "eEinumkKMGTP".indexOf(s.charAt(i)) >= 0) {
      i++;
    }
    if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
      i++;
    }
    return digits(s, i) == s.length();
  }

  private static int digits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  /** Go's {@code math.Pow10}, table for table, so products round as Go's do. */
  private static double pow10(int n) {
    if (n >= 0 && n <= 308) {
      return POW10_POS_32[n / 32] * POW10[n % 32];
    }
    if (n < 0 && n >= -323) {
      return POW10_NEG_32[-n / 32] / POW10[-n % 32];
    }
    return n > 0 ? Double.POSITIVE_INFINITY : 0;
  }

  private static IllegalArgumentException bad(String text) {
    return new IllegalArgumentException("not a quantity: \"" + text + "\"");
  }
}
