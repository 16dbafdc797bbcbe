package dev.foryou.ranking.model;

/**
 * What the models predict for a (user, video) impression. All are probabilities in [0, 1] except
 * {@link #WATCH_RATIO}, the expected fraction of the video watched (capped at 1).
 *
 * <p>Immutable and thread-safe.
 */
public enum Objective {
  /** P(the video is watched to the end). */
  COMPLETE(0.3f),
  /** P(like). */
  LIKE(0.05f),
  /** P(share). */
  SHARE(0.01f),
  /** P(comment). */
  COMMENT(0.01f),
  /** P(follow the creator). */
  FOLLOW(0.005f),
  /** P(quick skip). */
  SKIP(0.3f),
  /** P("not interested"). */
  NOT_INTERESTED(0.005f),
  /** Expected watch ratio, in [0, 1]. */
  WATCH_RATIO(0.4f);

  private static final Objective[] VALUES = values();
  private final float prior;

  Objective(float prior) {
    this.prior = prior;
  }

  /**
   * Returns the prior (the prediction of an untrained model).
   *
   * @return a value in (0, 1)
   */
  public float prior() {
    return prior;
  }

  /**
   * Returns the number of objectives.
   *
   * @return the count
   */
  public static int count() {
    return VALUES.length;
  }

  /**
   * Returns the objective with an ordinal.
   *
   * @param ordinal 0 to {@link #count()} - 1
   * @return the objective
   * @throws IllegalArgumentException if out of range
   */
  public static Objective of(int ordinal) {
    if (ordinal < 0 || ordinal >= VALUES.length) {
      throw new IllegalArgumentException("no objective with ordinal " + ordinal);
    }
    return VALUES[ordinal];
  }
}
