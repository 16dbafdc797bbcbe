package dev.foryou.ranking;

import java.util.Objects;

/**
 * One reason behind a feed item's score: either an objective's share of the value ({@code
 * value:like} = weight · P(like)) or a feature's first-order effect on the value ({@code
 * feature:affinity.category}).
 *
 * <p>Immutable and thread-safe.
 *
 * @param name what contributed, prefixed {@code value:} or {@code feature:}
 * @param amount how much it added to the score (negative: it lowered it)
 */
public record Contribution(String name, double amount) {

  /** Validates. */
  public Contribution {
    Objects.requireNonNull(name, "name");
    if (!Double.isFinite(amount)) {
      throw new IllegalArgumentException("amount is not finite: " + amount);
    }
  }
}
