package dev.foryou.ranking.model;

/**
 * A model that learns from one example at a time and publishes immutable {@link Predictor}
 * snapshots.
 *
 * <p>Thread-safe: updates from many threads are serialised; {@link #current()} is lock-free.
 */
public interface OnlineLearner {

  /**
   * Learns from one example.
   *
   * @param example the features and observed outcomes
   */
  void update(TrainingExample example);

  /**
   * Returns the most recently published snapshot (published every few updates and on {@link
   * #publish()}).
   *
   * @return the snapshot
   */
  Predictor current();

  /**
   * Publishes a snapshot of the current weights now.
   *
   * @return the published snapshot
   */
  Predictor publish();

  /**
   * Returns how many examples were learned.
   *
   * @return the count
   */
  long updates();
}
