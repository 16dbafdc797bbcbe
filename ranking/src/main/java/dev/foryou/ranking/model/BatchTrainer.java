package dev.foryou.ranking.model;

import java.util.List;

/**
 * Fits a {@link Predictor} from a batch of logged impressions (e.g. a day's log, offline).
 *
 * <p>Thread-safe: fitting keeps no state between calls.
 */
public interface BatchTrainer {

  /**
   * Fits a model.
   *
   * @param examples the logged impressions, at least one
   * @return the fitted, immutable model
   * @throws IllegalArgumentException if {@code examples} is empty
   */
  Predictor fit(List<TrainingExample> examples);
}
