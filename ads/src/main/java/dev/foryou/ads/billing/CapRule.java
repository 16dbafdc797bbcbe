package dev.foryou.ads.billing;

import java.util.Objects;

/**
 * A frequency cap: at most {@code maxImpressions} impressions per user in {@code window}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param window the window counted over
 * @param maxImpressions at least 1 (at most 10,000 for sliding windows, whose timestamps are kept)
 */
public record CapRule(CapWindow window, int maxImpressions) {

  /**
   * Validates the rule.
   *
   * @throws IllegalArgumentException if {@code maxImpressions} is out of range
   */
  public CapRule {
    Objects.requireNonNull(window, "window");
    if (maxImpressions < 1) {
      throw new IllegalArgumentException("maxImpressions must be >= 1: " + maxImpressions);
    }
    if (window.kind() == CapWindow.Kind.SLIDING && maxImpressions > 10_000) {
      throw new IllegalArgumentException(
          "maxImpressions of a sliding window must be <= 10000: " + maxImpressions);
    }
  }
}
