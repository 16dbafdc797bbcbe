package dev.foryou.ranking.model;

/**
 * The value of showing a video: score = Σ wᵢ·predictionᵢ over the {@link Objective}s, with negative
 * weights for negative feedback.
 *
 * <p>Defaults ({@link #DEFAULT}): complete 1, like 2, share 4, comment 2, follow 6, skip −1.5, not
 * interested −10, watch ratio 2 — active positive actions weigh more the rarer and stronger they
 * are, "not interested" is a large penalty and a skip a moderate one (the common public pattern of
 * weighted predicted actions).
 *
 * <p>Immutable and thread-safe.
 *
 * @param complete weight of P(complete)
 * @param like weight of P(like)
 * @param share weight of P(share)
 * @param comment weight of P(comment)
 * @param follow weight of P(follow)
 * @param skip weight of P(skip), usually negative
 * @param notInterested weight of P(not interested), usually negative
 * @param watchRatio weight of the expected watch ratio
 */
public record ValueModel(
    double complete,
    double like,
    double share,
    double comment,
    double follow,
    double skip,
    double notInterested,
    double watchRatio) {

  /** The documented defaults. */
  public static final ValueModel DEFAULT = new ValueModel(1, 2, 4, 2, 6, -1.5, -10, 2);

  /** Validates: every weight finite. */
  public ValueModel {
    double[] all = {complete, like, share, comment, follow, skip, notInterested, watchRatio};
    for (int i = 0; i < all.length; i++) {
      if (!Double.isFinite(all[i])) {
        throw new IllegalArgumentException(
            "weight of " + Objective.of(i) + " is not finite: " + all[i]);
      }
    }
  }

  /**
   * Returns the weight of an objective.
   *
   * @param objective the objective
   * @return its weight
   */
  public double weight(Objective objective) {
    return switch (objective) {
      case COMPLETE -> complete;
      case LIKE -> like;
      case SHARE -> share;
      case COMMENT -> comment;
      case FOLLOW -> follow;
      case SKIP -> skip;
      case NOT_INTERESTED -> notInterested;
      case WATCH_RATIO -> watchRatio;
    };
  }

  /**
   * Scores a prediction vector.
   *
   * @param predictions {@link Objective#count()} values in {@link Objective} order
   * @return Σ wᵢ·predictionᵢ
   */
  public double score(float[] predictions) {
    return complete * predictions[0]
        + like * predictions[1]
        + share * predictions[2]
        + comment * predictions[3]
        + follow * predictions[4]
        + skip * predictions[5]
        + notInterested * predictions[6]
        + watchRatio * predictions[7];
  }
}
