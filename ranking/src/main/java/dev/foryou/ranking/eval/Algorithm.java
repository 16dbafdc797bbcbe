package dev.foryou.ranking.eval;

import java.util.List;

/**
 * A recommendation algorithm with a small hyperparameter grid: the harness fits every grid point on
 * the training part, keeps the one with the best validation NDCG, refits it on train + validation
 * and scores the test part once. Implementations are thread-safe; fitted models are immutable.
 *
 * @param <C> the configuration type (a record whose {@code toString} is reported)
 */
public interface Algorithm<C> {

  /** Returns the model's name in results, e.g. {@code ease}. */
  String name();

  /** Returns the hyperparameter grid, never empty. */
  List<C> grid();

  /**
   * Fits the model.
   *
   * @param train the training pairs
   * @param config one grid point
   * @return the fitted model
   */
  Recommender fit(UserItems train, C config);
}
