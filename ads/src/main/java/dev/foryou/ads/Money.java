package dev.foryou.ads;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact money arithmetic in <b>micros</b>: one currency unit = 1,000,000 micros, held in a {@code
 * long} (enough for ±9.2 trillion units). Money never passes through binary floating point; the
 * only place a {@code double} meets money is a rate (a pCTR, a multiplier) applied by {@link
 * #times(long, double)}, which rounds the product half-even to a whole micro.
 *
 * <p>Stateless and thread-safe.
 */
public final class Money {
  /** Micros in one currency unit. */
  public static final long MICROS_PER_UNIT = 1_000_000L;

  private Money() {}

  /**
   * Converts a decimal amount in currency units to micros.
   *
   * @param units the amount, e.g. {@code "2.50"}
   * @return micros
   * @throws IllegalArgumentException if it has more than 6 decimals or does not fit a long
   */
  public static long ofUnits(String units) {
    try {
      return ofUnits(new BigDecimal(units));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a decimal amount: '" + units + "'", e);
    }
  }

  /**
   * Converts a decimal amount in currency units to micros.
   *
   * @param units the amount
   * @return micros
   * @throws IllegalArgumentException if it has more than 6 decimals or does not fit a long
   */
  public static long ofUnits(BigDecimal units) {
    try {
      return units.movePointRight(6).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "amount must have at most 6 decimals and fit in micros: " + units, e);
    }
  }

  /**
   * Converts micros to currency units, exactly.
   *
   * @param micros the amount in micros
   * @return the amount in units with scale 6
   */
  public static BigDecimal toUnits(long micros) {
    return BigDecimal.valueOf(micros, 6);
  }

  /**
   * Multiplies an amount by a non-negative finite rate, rounding half-even to a whole micro.
   *
   * @param micros the amount
   * @param rate the rate, finite and at least 0
   * @return the product in micros
   * @throws IllegalArgumentException if the rate is negative, NaN or infinite
   * @throws ArithmeticException if the product does not fit a long
   */
  public static long times(long micros, double rate) {
    if (!(rate >= 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("rate must be finite and >= 0: " + rate);
    }
    return new BigDecimal(micros)
        .multiply(new BigDecimal(rate))
        .setScale(0, RoundingMode.HALF_EVEN)
        .longValueExact();
  }

  /**
   * Formats micros as a plain decimal in units, e.g. {@code 2500000 -> "2.500000"}.
   *
   * @param micros the amount
   * @return the decimal string
   */
  public static String format(long micros) {
    return toUnits(micros).toPlainString();
  }
}
