package dev.foryou.ranking.model;

import java.util.List;
import smile.classification.LogisticRegression;

/*
 * Design: one L2-regularised binomial logistic regression per objective, fitted by Smile's
 * pure-Java L-BFGS (smile.classification.LogisticRegression.binomial; no dense Matrix/BLAS code
 * path). The watch ratio, a fraction, is fitted as a soft label by replication: each example
 * contributes round(r·R) positive and R − round(r·R) negative copies (R = 4), which minimises the
 * same cross-entropy as the soft label up to rounding. An objective whose labels are all equal gets
 * a constant model at its smoothed empirical rate. Output is a LinearModel, so explanations work.
 */
final class SmileLogisticTrainer implements BatchTrainer {
  private static final int REPLICATION = 4;
  private final double lambda;
  private final int maxIter;

  SmileLogisticTrainer(double lambda, int maxIter) {
    if (!(lambda > 0) || Double.isInfinite(lambda)) {
      throw new IllegalArgumentException("lambda must be finite and > 0: " + lambda);
    }
    if (maxIter < 1) {
      throw new IllegalArgumentException("maxIter must be >= 1: " + maxIter);
    }
    this.lambda = lambda;
    this.maxIter = maxIter;
  }

  @Override
  public Predictor fit(List<TrainingExample> examples) {
    if (examples.isEmpty()) {
      throw new IllegalArgumentException("examples must not be empty");
    }
    int k = Objective.count();
    int p = Features.SIZE - 1; // Smile adds its own intercept; drop the bias feature
    float[] offsets = new float[k];
    float[][] rows = new float[k][Features.SIZE];
    for (int o = 0; o < k; o++) {
      boolean soft = Objective.of(o) == Objective.WATCH_RATIO;
      int rows0 = 0;
      for (TrainingExample e : examples) {
        if (!Float.isNaN(e.label(o))) {
          rows0 += soft ? REPLICATION : 1;
        }
      }
      if (rows0 == 0) {
        offsets[o] = LinearModel.logit(Objective.of(o).prior());
        continue;
      }
      double[][] x = new double[rows0][];
      int[] y = new int[rows0];
      int r = 0;
      int positives = 0;
      for (TrainingExample e : examples) {
        float label = e.label(o);
        if (Float.isNaN(label)) {
          continue;
        }
        double[] row = new double[p];
        for (int i = 0; i < p; i++) {
          row[i] = e.feature(i + 1);
        }
        if (soft) {
          int pos = Math.round(label * REPLICATION);
          for (int c = 0; c < REPLICATION; c++) {
            x[r] = row;
            y[r] = c < pos ? 1 : 0;
            positives += y[r];
            r++;
          }
        } else {
          x[r] = row;
          y[r] = label >= 0.5f ? 1 : 0;
          positives += y[r];
          r++;
        }
      }
      if (positives == 0 || positives == rows0) {
        float prior = Objective.of(o).prior();
        float rate = (positives + 2 * prior) / (rows0 + 2f);
        offsets[o] = LinearModel.logit(rate);
        continue;
      }
      LogisticRegression.Binomial model = LogisticRegression.binomial(x, y, lambda, 1e-5, maxIter);
      double[] w = model.coefficients(); // p weights, then the intercept
      for (int i = 0; i < p; i++) {
        rows[o][i + 1] = (float) w[i];
      }
      offsets[o] = (float) w[p];
    }
    return new LinearModel(offsets, rows);
  }
}
