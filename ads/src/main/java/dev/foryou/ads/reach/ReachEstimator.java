package dev.foryou.ads.reach;

import java.util.function.IntPredicate;

/**
 * Estimates how many distinct active users a targeting spec would reach. Users are dense {@code
 * int} indexes (as in {@code dev.foryou.core.user.UserRegistry}); the spec is any {@link
 * IntPredicate} over them (the ad server adapts its targeting spec).
 *
 * <p>Activity is kept per UTC day for a window of days in two small sketches: a HyperLogLog of
 * distinct users and a bottom-k sample (the k users with the smallest hashes, a uniform sample of
 * the distinct users: Cohen and Kaplan, "Summarizing data using bottom-k sketches", PODC 2007). The
 * reach is the HyperLogLog count times the share of the sample matching the spec; with fewer than k
 * active users the sample holds them all and the count is exact. Below the minimum audience the
 * estimate says "too small" and withholds the number. Memory is {@code 2^precision + 12 k} bytes
 * per day, independent of the number of users.
 *
 * <p>Thread-safe.
 */
public interface ReachEstimator {

  /**
   * Records that a user was active.
   *
   * @param user the user index, at least 0
   * @param nowMillis when
   * @throws IllegalArgumentException if {@code user} is negative
   */
  void recordActive(int user, long nowMillis);

  /**
   * Estimates the distinct active users (in the window ending today) matching a spec.
   *
   * @param spec which users match
   * @param nowMillis now
   * @return the estimate
   */
  ReachEstimate estimate(IntPredicate spec, long nowMillis);

  /**
   * Starts a builder.
   *
   * @return a new builder
   */
  static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link ReachEstimator}. Not thread-safe; every setting may be given once. */
  final class Builder {
    private int minAudience = -1;
    private int precision = -1;
    private int sampleSize = -1;
    private int windowDays = -1;

    Builder() {}

    /**
     * Estimates below this many users answer "too small" (default 1000).
     *
     * @param users at least 1
     * @return this
     */
    public Builder minAudience(int users) {
      if (minAudience >= 0) {
        throw new IllegalStateException("minAudience already set");
      }
      if (users < 1) {
        throw new IllegalArgumentException("minAudience must be >= 1: " + users);
      }
      minAudience = users;
      return this;
    }

    /**
     * HyperLogLog precision p: 2^p registers, standard error 1.04 / 2^(p/2) (default 14).
     *
     * @param p 4..18
     * @return this
     */
    public Builder precision(int p) {
      if (precision >= 0) {
        throw new IllegalStateException("precision already set");
      }
      if (p < 4 || p > 18) {
        throw new IllegalArgumentException("precision must be in 4..18: " + p);
      }
      precision = p;
      return this;
    }

    /**
     * Size k of the bottom-k sample (default 4096).
     *
     * @param k 16..1,000,000
     * @return this
     */
    public Builder sampleSize(int k) {
      if (sampleSize >= 0) {
        throw new IllegalStateException("sampleSize already set");
      }
      if (k < 16 || k > 1_000_000) {
        throw new IllegalArgumentException("sampleSize must be in 16..1000000: " + k);
      }
      sampleSize = k;
      return this;
    }

    /**
     * How many days of activity count as "active" (default 7).
     *
     * @param days 1..90
     * @return this
     */
    public Builder windowDays(int days) {
      if (windowDays >= 0) {
        throw new IllegalStateException("windowDays already set");
      }
      if (days < 1 || days > 90) {
        throw new IllegalArgumentException("windowDays must be in 1..90: " + days);
      }
      windowDays = days;
      return this;
    }

    /**
     * Builds the estimator.
     *
     * @return the estimator
     */
    public ReachEstimator build() {
      return new SketchReach(
          minAudience < 0 ? 1000 : minAudience,
          precision < 0 ? 14 : precision,
          sampleSize < 0 ? 4096 : sampleSize,
          windowDays < 0 ? 7 : windowDays);
    }
  }
}
