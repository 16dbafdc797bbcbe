package dev.foryou.ranking.model;

/**
 * Factories for the learners.
 *
 * <p>Thread-safe (stateless).
 */
public final class Models {
  private Models() {}

  /**
   * An FTRL-proximal online logistic learner (McMahan et al., KDD 2013), one model per objective.
   *
   * @param alpha the learning-rate scale, &gt; 0 (0.1 is a good start)
   * @param beta the learning-rate smoothing, &gt;= 0 (1 is standard)
   * @param l1 the L1 strength, &gt;= 0
   * @param l2 the L2 strength, &gt;= 0
   * @param publishEvery publish a snapshot every this many updates, &gt;= 1
   * @return the learner, starting at the prior model
   * @throws IllegalArgumentException on a bad value
   */
  public static OnlineLearner ftrl(float alpha, float beta, float l1, float l2, int publishEvery) {
    return new FtrlLearner(alpha, beta, l1, l2, publishEvery);
  }

  /**
   * The default online learner: {@code ftrl(0.1, 1, 0.001, 0.01, 16)}.
   *
   * @return the learner
   */
  public static OnlineLearner ftrl() {
    return ftrl(0.1f, 1f, 0.001f, 0.01f, 16);
  }

  /**
   * A batch trainer of L2-regularised logistic regression per objective through Smile's pure-Java
   * {@code LogisticRegression}.
   *
   * @param lambda the L2 strength, &gt; 0
   * @param maxIter the most L-BFGS iterations, &gt;= 1
   * @return the trainer
   * @throws IllegalArgumentException on a bad value
   */
  public static BatchTrainer smileLogistic(double lambda, int maxIter) {
    return new SmileLogisticTrainer(lambda, maxIter);
  }
}
