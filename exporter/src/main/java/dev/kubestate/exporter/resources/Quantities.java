package dev.kubestate.exporter.resources;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Kubernetes quantities as KSM converts them (reference/ksm-behaviour.md 6); a null quantity, and
 * one that does not parse (Go would have decoded nothing into it), reads as Go's zero {@code
 * Quantity}, 0. Total: nothing here throws. Stateless.
 *
 * <ul>
 *   <li>{@link #milliFloat}: cpu everywhere, node allocatable/capacity: milli-units rounded up
 *       away from zero, divided by 1000 ({@code 100m} gives 0.1, {@code 250u} gives 0.001); the
 *       whole value when it exceeds {@code Long.MAX_VALUE / 1000}.
 *   <li>{@link #integer}: memory, storage and counts: rounded up away from zero to a whole number
 *       ({@code 128Mi} gives 134217728, {@code 500m} gives 1).
 * </ul>
 */
public final class Quantities {

  private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
  private static final int EXTREME_DIGITS = 400;
  private static final BigDecimal MILLI_LIMIT = BigDecimal.valueOf(Long.MAX_VALUE / 1000);

  private Quantities() {}

  /** Milli-units rounded up, over 1000; 0 for a null or unparsable quantity. */
  public static double milliFloat(Quantity q) {
    BigDecimal amount = amount(q);
    if (isExtreme(amount)) {
      return extreme(amount, 0.001);
    }
    BigDecimal whole = amount.setScale(0, RoundingMode.UP);
    if (whole.compareTo(MILLI_LIMIT) > 0) {
      return whole.doubleValue();
    }
    BigDecimal milli = amount.multiply(THOUSAND).setScale(0, RoundingMode.UP);
    return milli.doubleValue() / 1000;
  }

  /** Rounded up to a whole number; 0 for a null or unparsable quantity. */
  public static double integer(Quantity q) {
    BigDecimal amount = amount(q);
    if (isExtreme(amount)) {
      return extreme(amount, 1);
    }
    return amount.setScale(0, RoundingMode.UP).doubleValue();
  }

  /**
   * A null quantity, one without amount, or one that does not parse is Go's zero {@code
   * Quantity}: 0.
   */
  private static BigDecimal amount(Quantity q) {
    if (q == null || q.getAmount() == null) {
      return BigDecimal.ZERO;
    }
    try {
      return Quantity.getAmountInBytes(q);
    } catch (RuntimeException e) {
      return BigDecimal.ZERO;
    }
  }

  /**
   * Whether {@code amount} has more than {@value #EXTREME_DIGITS} digits before the point, or its
   * first digit further than that after it ({@code 1e999999999}, {@code 1e-999999999}): rounding
   * such a value would build a number of as many digits, and the answer is known without it.
   */
  private static boolean isExtreme(BigDecimal amount) {
    long magnitude = (long) amount.precision() - amount.scale();
    return amount.signum() != 0 && (magnitude > EXTREME_DIGITS || magnitude < -EXTREME_DIGITS);
  }

  /**
   * An extreme amount: beyond float64 (infinite) when huge; when tiny, rounded up away from zero
   * to one {@code unit}.
   */
  private static double extreme(BigDecimal amount, double unit) {
    if (amount.precision() - amount.scale() > 0) {
      return amount.doubleValue();
    }
    return amount.signum() * unit;
  }
}
