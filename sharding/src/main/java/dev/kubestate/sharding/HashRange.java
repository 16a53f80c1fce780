package dev.kubestate.sharding;

import java.math.BigInteger;

/**
 * A non-empty half-open range {@code [startInclusive, endExclusive)} of the unsigned 64-bit hash
 * space. Both bounds are read as unsigned. The end of the space, 2^64, does not fit in a {@code
 * long} and is written {@code endExclusive == 0}: {@code new HashRange(0, 0)} is the whole space,
 * and no other range can be empty that way. Immutable.
 *
 * @param startInclusive lowest hash in the range, unsigned
 * @param endExclusive first hash above the range, unsigned; 0 means 2^64
 */
public record HashRange(long startInclusive, long endExclusive) {

  /** The whole hash space, {@code [0, 2^64)}. */
  public static final HashRange WHOLE = new HashRange(0, 0);

  /** 2^64, the exclusive end of the space. */
  static final BigInteger SPACE = BigInteger.ONE.shiftLeft(64);

  public HashRange {
    if (endExclusive != 0 && Long.compareUnsigned(startInclusive, endExclusive) >= 0) {
      throw new IllegalArgumentException(
          "empty hash range: start 0x"
              + Long.toHexString(startInclusive)
              + " is not below end 0x"
              + Long.toHexString(endExclusive));
    }
  }

  /** Whether the range reaches the end of the space, 2^64. */
  public boolean reachesEnd() {
    return endExclusive == 0;
  }

  /** Whether {@code hash}, read as unsigned, lies in the range. Allocates nothing. */
  public boolean contains(long hash) {
    return Long.compareUnsigned(hash, startInclusive) >= 0
        && (endExclusive == 0 || Long.compareUnsigned(hash, endExclusive) < 0);
  }

  /** The exclusive end as an unsigned number in {@code (0, 2^64]}. */
  public BigInteger end() {
    return endExclusive == 0 ? SPACE : unsigned(endExclusive);
  }

  /** The number of hashes in the range, in {@code [1, 2^64]}. */
  public BigInteger width() {
    return end().subtract(unsigned(startInclusive));
  }

  static BigInteger unsigned(long value) {
    return new BigInteger(Long.toUnsignedString(value));
  }

  @Override
  public String toString() {
    return "[0x"
        + Long.toHexString(startInclusive)
        + ", "
        + (endExclusive == 0 ? "0x10000000000000000" : "0x" + Long.toHexString(endExclusive))
        + ")";
  }
}
