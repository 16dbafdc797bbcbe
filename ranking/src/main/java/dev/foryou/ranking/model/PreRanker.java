package dev.foryou.ranking.model;

import org.jspecify.annotations.Nullable;

/*
 * Design: a two-stage cascade (the "pre-ranking" or "light ranking" stage of industrial feeds, e.g.
 * Wang et al., "COLD: Towards the Next Generation of Pre-Ranking System", 2020): every candidate
 * gets a cheap score, only the best ones get the full features and the 8-head model. The cheap
 * score is the first-order Taylor expansion of the value Σₒ wₒ·σ(zₒ(x)) around the request's mean
 * cheap feature vector x̄: score(x) = Σ_f g_f·x_f with g_f = Σₒ wₒ·σ(z̄ₒ)(1−σ(z̄ₒ))·βₒf, one dot
 * product per candidate instead of eight heads and eight exps, on features computed with a fast
 * approximate logarithm.
 */

/**
 * The linearised value model of a {@link LinearModel} for one request: call {@link #prepare} with
 * the request's cheap feature rows, then {@link #score} each row.
 *
 * <p>Not thread-safe: one per request thread, reused across requests.
 */
public final class PreRanker {
  private static final int K = Objective.count();
  private final double[] gradient = new double[Features.SIZE];
  private final double[] mean = new double[Features.SIZE];
  private final double[] z = new double[K];

  /** Creates a reusable pre-ranker. */
  public PreRanker() {}

  /**
   * Linearises the value of a model around the mean of {@code n} feature rows.
   *
   * @param model the model; only a {@link LinearModel} can be linearised
   * @param value the value model
   * @param rows {@code n} rows of {@link Features#SIZE} features, row-major
   * @param n how many rows
   * @return false if the model is not a {@link LinearModel} (then pre-rank nothing)
   */
  public boolean prepare(Predictor model, ValueModel value, float[] rows, int n) {
    return prepare(model, value, rows, null, n);
  }

  /**
   * Linearises the value of a model around the mean of {@code n} chosen feature rows.
   *
   * @param model the model; only a {@link LinearModel} can be linearised
   * @param value the value model
   * @param rows rows of {@link Features#SIZE} features, row-major
   * @param which the indexes of the rows to average, in the order to sum them; null for rows 0 to
   *     {@code n - 1}
   * @param n how many rows
   * @return false if the model is not a {@link LinearModel} (then pre-rank nothing)
   */
  public boolean prepare(
      Predictor model, ValueModel value, float[] rows, int @Nullable [] which, int n) {
    if (!(model instanceof LinearModel lm)) {
      return false;
    }
    int f = Features.SIZE;
    java.util.Arrays.fill(mean, 0);
    for (int r = 0; r < n; r++) {
      int base = (which == null ? r : which[r]) * f;
      for (int i = 0; i < f; i++) {
        mean[i] += rows[base + i];
      }
    }
    if (n > 0) {
      for (int i = 0; i < f; i++) {
        mean[i] /= n;
      }
    }
    float[] off = lm.offsetsView();
    float[] w = lm.byFeatureView();
    for (int o = 0; o < K; o++) {
      z[o] = off[o];
    }
    for (int i = 0; i < f; i++) {
      for (int o = 0; o < K; o++) {
        z[o] += w[i * K + o] * mean[i];
      }
    }
    for (int o = 0; o < K; o++) {
      double p = 1 / (1 + Math.exp(-z[o]));
      z[o] = value.weight(Objective.of(o)) * p * (1 - p); // ∂value/∂zₒ
    }
    for (int i = 0; i < f; i++) {
      double g = 0;
      for (int o = 0; o < K; o++) {
        g += z[o] * w[i * K + o];
      }
      gradient[i] = g;
    }
    return true;
  }

  /**
   * Scores one row with the linearised value (up to a constant per request).
   *
   * @param rows the rows given to {@link #prepare}
   * @param row which row
   * @return the cheap score, higher is better
   */
  public double score(float[] rows, int row) {
    double s = 0;
    for (int i = 0, base = row * Features.SIZE; i < Features.SIZE; i++) {
      s += gradient[i] * rows[base + i];
    }
    return s;
  }
}
