package dev.kubestate.exporter.resources;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Kubernetes quantities as KSM converts them (reference/ksm-behaviour.md 6); a null quantity reads
 * as Go's zero {@code Quantity}, 0. Stateless.
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
  private static final BigDecimal MILLI_LIMIT = BigDecimal.valueOf(Long.MAX_VALUE / 1000);

  private Quantities() {}

  /**
   * @throws IllegalArgumentException for an unparsable quantity
   */
  public static double milliFloat(Quantity q) {
    BigDecimal amount = amount(q);
    BigDecimal whole = amount.setScale(0, RoundingMode.UP);
    if (whole.compareTo(MILLI_LIMIT) > 0) {
      return whole.doubleValue();
    }
    BigDecimal milli = amount.multiply(THOUSAND).setScale(0, RoundingMode.UP);
    return milli.doubleValue() / 1000;
  }

  /**
   * @throws IllegalArgumentException for an unparsable quantity
   */
  public static double integer(Quantity q) {
    return amount(q).setScale(0, RoundingMode.UP).doubleValue();
  }

  /** A null quantity, or one without amount, is Go's zero {@code Quantity}: 0. */
  private static BigDecimal amount(Quantity q) {
    if (q == null || q.getAmount() == null) {
      return BigDecimal.ZERO;
    }
    try {
      return Quantity.getAmountInBytes(q);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "not a quantity: \"" + q.getAmount() + q.getFormat() + "\"", e);
    }
  }
}
