package dev.foryou.ads.billing;

import java.util.Arrays;

/**
 * The expected share of a day's ad traffic in each local hour of the day (0..23), used by {@link
 * PacingMode#EVEN} pacing to plan spend. Weights are relative (they need not sum to 1); they are
 * not money, so they are doubles.
 *
 * <p>Immutable and thread-safe.
 *
 * @param hourlyWeights 24 finite non-negative weights with a positive sum (copied)
 */
public record TrafficForecast(double[] hourlyWeights) {

  /**
   * Validates and copies the weights.
   *
   * @throws IllegalArgumentException if there are not 24 finite non-negative weights with a
   *     positive sum
   */
  public TrafficForecast {
    if (hourlyWeights == null || hourlyWeights.length != 24) {
      throw new IllegalArgumentException(
          "hourlyWeights must have 24 entries: "
              + (hourlyWeights == null ? "null" : hourlyWeights.length));
    }
    double sum = 0;
    for (int h = 0; h < 24; h++) {
      double w = hourlyWeights[h];
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("hourlyWeights[" + h + "] must be finite >= 0: " + w);
      }
      sum += w;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException("hourlyWeights must have a positive sum: " + sum);
    }
    hourlyWeights = hourlyWeights.clone();
  }

  /**
   * Returns a flat forecast: every hour carries the same traffic.
   *
   * @return the uniform forecast
   */
  public static TrafficForecast uniform() {
    double[] w = new double[24];
    Arrays.fill(w, 1.0);
    return new TrafficForecast(w);
  }

  /**
   * Returns a copy of the weights.
   *
   * @return 24 weights
   */
  @Override
  public double[] hourlyWeights() {
    return hourlyWeights.clone();
  }

  /**
   * Returns the share of the day's traffic in local hour {@code hour}.
   *
   * @param hour 0..23
   * @return the weight of that hour divided by the sum of all weights
   * @throws IllegalArgumentException if {@code hour} is outside 0..23
   */
  public double share(int hour) {
    if (hour < 0 || hour > 23) {
      throw new IllegalArgumentException("hour must be in 0..23: " + hour);
    }
    double sum = 0;
    for (double w : hourlyWeights) {
      sum += w;
    }
    return hourlyWeights[hour] / sum;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrafficForecast f && Arrays.equals(hourlyWeights, f.hourlyWeights);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(hourlyWeights);
  }

  @Override
  public String toString() {
    return "TrafficForecast" + Arrays.toString(hourlyWeights);
  }
}
