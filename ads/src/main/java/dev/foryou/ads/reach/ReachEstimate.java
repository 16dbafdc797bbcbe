package dev.foryou.ads.reach;

/**
 * An estimate of how many distinct active users match a targeting spec.
 *
 * <p>Immutable and thread-safe.
 *
 * @param tooSmall whether the estimate is below the minimum audience; the number is then withheld
 * @param users the estimated number of matching users (0 when {@code tooSmall})
 * @param activeUsers the estimated number of distinct active users in the window
 * @param exact whether the count is exact (fewer active users than the sample size)
 */
public record ReachEstimate(boolean tooSmall, long users, long activeUsers, boolean exact) {}
