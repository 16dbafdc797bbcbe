package dev.foryou.ranking.rerank;

import java.util.SplittableRandom;

/*
 * Design: an exploration budget filled by Thompson sampling (Thompson 1933; Chapelle & Li, "An
 * Empirical Evaluation of Thompson Sampling", NIPS 2011). Every new entry (a new video or creator)
 * has a Beta(α0 + successes, β0 + trials − successes) posterior on its engagement rate; one sample
 * is drawn per entry and request, and the ⌈budget·count⌉ highest samples get exploration slots.
 * Uncertain newcomers are thus tried in proportion to their chance of being good, and ones that
 * disappoint their early viewers fade out. Beta samples come from two Gamma samples
 * (Marsaglia & Tsang, ACM TOMS 2000).
 */
final class ThompsonExploration implements Reranker {
  private final double budget;
  private final double alpha0;
  private final double beta0;

  ThompsonExploration(double budget, double alpha0, double beta0) {
    if (!(budget >= 0 && budget <= 1)) {
      throw new IllegalArgumentException("budget must be in [0, 1]: " + budget);
    }
    if (!(alpha0 > 0) || Double.isInfinite(alpha0)) {
      throw new IllegalArgumentException("alpha0 must be finite and > 0: " + alpha0);
    }
    if (!(beta0 > 0) || Double.isInfinite(beta0)) {
      throw new IllegalArgumentException("beta0 must be finite and > 0: " + beta0);
    }
    this.budget = budget;
    this.alpha0 = alpha0;
    this.beta0 = beta0;
  }

  @Override
  public void rerank(RankedList list, int count, long nowMillis, SplittableRandom random) {
    int slots = (int) Math.ceil(budget * count);
    for (int i = 0; i < list.size(); i++) {
      list.setExplore(i, false, 0);
    }
    if (slots == 0) {
      return;
    }
    // keep the best `slots` samples in a tiny sorted buffer
    int[] best = new int[slots];
    double[] val = new double[slots];
    int n = 0;
    for (int i = 0; i < list.size(); i++) {
      if (!list.isNew(i)) {
        continue;
      }
      double a = alpha0 + list.successes(i);
      double b = beta0 + list.trials(i) - list.successes(i);
      double theta = beta(random, a, b);
      if (n < slots) {
        int p = n++;
        while (p > 0 && val[p - 1] < theta) {
          val[p] = val[p - 1];
          best[p] = best[p - 1];
          p--;
        }
        val[p] = theta;
        best[p] = i;
      } else if (theta > val[slots - 1]) {
        int p = slots - 1;
        while (p > 0 && val[p - 1] < theta) {
          val[p] = val[p - 1];
          best[p] = best[p - 1];
          p--;
        }
        val[p] = theta;
        best[p] = i;
      }
    }
    for (int k = 0; k < n; k++) {
      list.setExplore(best[k], true, val[k]);
    }
  }

  static double beta(SplittableRandom r, double a, double b) {
    double x = gamma(r, a);
    double y = gamma(r, b);
    return x / (x + y);
  }

  static double gamma(SplittableRandom r, double shape) {
    if (shape < 1) {
      double u = r.nextDouble();
      return gamma(r, 1 + shape) * Math.pow(u, 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double x;
      double v;
      do {
        x = gaussian(r);
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = r.nextDouble();
      if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
        return d * v;
      }
    }
  }

  private static double gaussian(SplittableRandom r) {
    double u1 = r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
  }
}
