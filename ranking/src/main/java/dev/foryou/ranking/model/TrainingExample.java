package dev.foryou.ranking.model;

/**
 * One logged impression: its feature vector and the observed outcome of every objective (1/0 for
 * the events, the watch ratio in [0, 1]; {@code NaN} for an outcome not observed, which learners
 * skip).
 *
 * <p>Immutable and thread-safe; arrays are copied in and out.
 *
 * @param features {@link Features#SIZE} finite values
 * @param labels {@link Objective#count()} values in [0, 1] or NaN
 */
public record TrainingExample(float[] features, float[] labels) {

  /** Validates and copies. */
  public TrainingExample {
    if (features.length != Features.SIZE) {
      throw new IllegalArgumentException(
          "features has length " + features.length + ", needs " + Features.SIZE);
    }
    if (labels.length != Objective.count()) {
      throw new IllegalArgumentException(
          "labels has length " + labels.length + ", needs " + Objective.count());
    }
    for (int i = 0; i < features.length; i++) {
      if (!Float.isFinite(features[i])) {
        throw new IllegalArgumentException("features[" + i + "] is not finite: " + features[i]);
      }
    }
    for (int i = 0; i < labels.length; i++) {
      if (!Float.isNaN(labels[i]) && !(labels[i] >= 0 && labels[i] <= 1)) {
        throw new IllegalArgumentException("labels[" + i + "] must be in [0, 1]: " + labels[i]);
      }
    }
    features = features.clone();
    labels = labels.clone();
  }

  /**
   * Returns the features.
   *
   * @return a copy of the feature vector
   */
  @Override
  public float[] features() {
    return features.clone();
  }

  /**
   * Returns the labels.
   *
   * @return a copy of the labels: one per {@link Objective}, in [0, 1] or NaN
   */
  @Override
  public float[] labels() {
    return labels.clone();
  }

  float feature(int i) {
    return features[i];
  }

  float label(int o) {
    return labels[o];
  }
}
