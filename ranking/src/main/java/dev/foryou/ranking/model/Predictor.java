package dev.foryou.ranking.model;

/**
 * Predicts every {@link Objective} for one feature vector ({@link Features} layout).
 *
 * <p>Implementations are immutable snapshots and therefore thread-safe; a learner publishes a new
 * snapshot instead of changing one in place.
 */
public interface Predictor {

  /**
   * Writes one prediction per objective, in {@link Objective} order, each in [0, 1].
   *
   * @param features a vector of {@link Features#SIZE} values
   * @param out receives {@link Objective#count()} values
   */
  void predict(float[] features, float[] out);

  /**
   * Returns how much one feature adds to an objective's logit for this vector, to explain a
   * prediction; 0 for models that cannot attribute (the default).
   *
   * @param objective the objective
   * @param feature a feature index
   * @param features the vector
   * @return the additive logit contribution
   */
  default double logitContribution(Objective objective, int feature, float[] features) {
    return 0;
  }
}
