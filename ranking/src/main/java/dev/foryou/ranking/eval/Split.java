package dev.foryou.ranking.eval;

import java.util.Objects;

/**
 * A train / validation / test split over the same users and items; the parts are disjoint.
 *
 * @param protocol how it was made, e.g. {@code random(seed=42)} or {@code temporal}
 * @param train the training pairs
 * @param validation the pairs used to tune hyperparameters
 * @param test the pairs touched once per reported number
 */
public record Split(String protocol, UserItems train, UserItems validation, UserItems test) {

  /** Checks the parts share a shape. */
  public Split {
    Objects.requireNonNull(protocol, "protocol");
    if (train.users != validation.users
        || train.users != test.users
        || train.items != validation.items
        || train.items != test.items) {
      throw new IllegalArgumentException("split parts differ in shape");
    }
  }
}
