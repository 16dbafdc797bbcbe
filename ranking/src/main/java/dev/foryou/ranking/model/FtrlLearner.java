package dev.foryou.ranking.model;

/*
 * Design: FTRL-proximal logistic regression, one model per objective, following McMahan et al.,
 * "Ad Click Prediction: a View from the Trenches" (KDD 2013), Algorithm 1: per-coordinate adaptive
 * learning rates from the sum of squared gradients n_i, the lazily-solved weight
 * w_i = −(z_i − sgn(z_i)·λ1) / ((β + √n_i)/α + λ2) when |z_i| > λ1 (else 0, giving sparsity), and
 * z_i += g_i − σ_i·w_i with σ_i = (√(n_i + g_i²) − √n_i)/α. The watch ratio uses the same loss
 * with a fractional label (cross-entropy with soft targets). The logit has a fixed offset logit(prior)
 * per objective so an untrained model predicts the prior. Updates are serialised by a lock; readers
 * use an immutable LinearModel snapshot published every few updates (atomic reference swap).
 */
final class FtrlLearner implements OnlineLearner {
  private final float alpha;
  private final float beta;
  private final float l1;
  private final float l2;
  private final int publishEvery;
  private final double[] z;
  private final double[] n;
  private final float[] offsets;
  private final float[] w = new float[Features.SIZE];
  private long updates;
  private volatile LinearModel snapshot;

  FtrlLearner(float alpha, float beta, float l1, float l2, int publishEvery) {
    if (!(alpha > 0) || Float.isInfinite(alpha)) {
      throw new IllegalArgumentException("alpha must be finite and > 0: " + alpha);
    }
    if (!(beta >= 0) || Float.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be finite and >= 0: " + beta);
    }
    if (!(l1 >= 0) || Float.isInfinite(l1)) {
      throw new IllegalArgumentException("l1 must be finite and >= 0: " + l1);
    }
    if (!(l2 >= 0) || Float.isInfinite(l2)) {
      throw new IllegalArgumentException("l2 must be finite and >= 0: " + l2);
    }
    if (publishEvery < 1) {
      throw new IllegalArgumentException("publishEvery must be >= 1: " + publishEvery);
    }
    this.alpha = alpha;
    this.beta = beta;
    this.l1 = l1;
    this.l2 = l2;
    this.publishEvery = publishEvery;
    int k = Objective.count();
    z = new double[k * Features.SIZE];
    n = new double[k * Features.SIZE];
    offsets = new float[k];
    for (int o = 0; o < k; o++) {
      offsets[o] = LinearModel.logit(Objective.of(o).prior());
    }
    snapshot = LinearModel.prior();
  }

  private float weight(int j) {
    double zj = z[j];
    if (Math.abs(zj) <= l1) {
      return 0f;
    }
    return (float) (-(zj - Math.signum(zj) * l1) / ((beta + Math.sqrt(n[j])) / alpha + l2));
  }

  @Override
  public void update(TrainingExample example) {
    int f = Features.SIZE;
    synchronized (this) {
      for (int o = 0; o < offsets.length; o++) {
        float y = example.label(o);
        if (Float.isNaN(y)) {
          continue;
        }
        int base = o * f;
        double logit = offsets[o];
        for (int i = 0; i < f; i++) {
          float x = example.feature(i);
          if (x != 0f) {
            w[i] = weight(base + i);
            logit += w[i] * x;
          }
        }
        double p = 1 / (1 + Math.exp(-Math.max(-35, Math.min(35, logit))));
        double g = p - y;
        for (int i = 0; i < f; i++) {
          float x = example.feature(i);
          if (x != 0f) {
            int j = base + i;
            double gi = g * x;
            double sigma = (Math.sqrt(n[j] + gi * gi) - Math.sqrt(n[j])) / alpha;
            z[j] += gi - sigma * w[i];
            n[j] += gi * gi;
          }
        }
      }
      updates++;
      if (updates % publishEvery == 0) {
        publishLocked();
      }
    }
  }

  private LinearModel publishLocked() {
    int k = offsets.length;
    float[][] rows = new float[k][Features.SIZE];
    for (int o = 0; o < k; o++) {
      for (int i = 0; i < Features.SIZE; i++) {
        rows[o][i] = weight(o * Features.SIZE + i);
      }
    }
    LinearModel m = new LinearModel(offsets, rows);
    snapshot = m;
    return m;
  }

  @Override
  public Predictor current() {
    return snapshot;
  }

  @Override
  public synchronized Predictor publish() {
    return publishLocked();
  }

  @Override
  public synchronized long updates() {
    return updates;
  }
}
