package dev.foryou.ranking.rerank;

import java.util.SplittableRandom;

/*
 * Design: an additive boost weight·2^(−age/halfLife), the exponential time-decay prior used for
 * freshness in news and short-video ranking (e.g. Agarwal et al., "Spatio-temporal models for
 * estimating click-through rate", WWW 2009, treat item popularity as decaying over time).
 */
final class FreshnessBoost implements Reranker {
  private final double halfLifeMillis;
  private final double weight;

  FreshnessBoost(long halfLifeMillis, double weight) {
    if (halfLifeMillis < 1) {
      throw new IllegalArgumentException("halfLifeMillis must be >= 1: " + halfLifeMillis);
    }
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("weight must be finite and >= 0: " + weight);
    }
    this.halfLifeMillis = halfLifeMillis;
    this.weight = weight;
  }

  @Override
  public void rerank(RankedList list, int count, long nowMillis, SplittableRandom random) {
    if (weight == 0) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      double age = Math.max(0, nowMillis - list.publishedAtMillis(i));
      list.setScore(i, list.score(i) + weight * Math.pow(2, -age / halfLifeMillis));
    }
  }
}
