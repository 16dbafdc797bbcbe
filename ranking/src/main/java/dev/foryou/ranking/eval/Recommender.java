package dev.foryou.ranking.eval;

/**
 * A fitted model that scores every item for a user (higher = better). Implementations are
 * thread-safe: the evaluator calls them from several threads at once.
 */
@FunctionalInterface
public interface Recommender {

  /**
   * Writes a score for every item.
   *
   * @param user a dense user index of the training data
   * @param out receives one score per item, at least the number of items long
   */
  void score(int user, float[] out);
}
