package dev.foryou.ranking.rerank;

import it.unimi.dsi.fastutil.ints.IntArrays;

/**
 * Tests only: the selector as it was before the lazy scan (eager max-similarity updates over the
 * whole pool after every pick, full sort), the reference {@link DiversitySelector} must match.
 */
final class EagerDiversitySelector implements Selector {
  private final int creatorSpacing;
  private final int hashtagSpacing;
  private final double lambda;
  private final int pool;

  EagerDiversitySelector(int creatorSpacing, int hashtagSpacing, double lambda, int pool) {
    if (creatorSpacing < 1) {
      throw new IllegalArgumentException("creatorSpacing must be >= 1: " + creatorSpacing);
    }
    if (hashtagSpacing < 1) {
      throw new IllegalArgumentException("hashtagSpacing must be >= 1: " + hashtagSpacing);
    }
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must be in [0, 1]: " + lambda);
    }
    if (pool < 1) {
      throw new IllegalArgumentException("pool must be >= 1: " + pool);
    }
    this.creatorSpacing = creatorSpacing;
    this.hashtagSpacing = hashtagSpacing;
    this.lambda = lambda;
    this.pool = pool;
  }

  @Override
  public int select(RankedList list, int count, int[] out) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1: " + count);
    }
    int n = list.size();
    if (n == 0) {
      return 0;
    }
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    IntArrays.quickSort(order, (a, b) -> Double.compare(list.score(b), list.score(a)));
    // pool = the top entries by score plus every exploration entry
    int p = 0;
    int[] cand = new int[n];
    int explorers = 0;
    for (int r = 0; r < n; r++) {
      int i = order[r];
      if (r < pool || list.isExplore(i)) {
        cand[p++] = i;
        if (list.isExplore(i)) {
          explorers++;
        }
      }
    }
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (int k = 0; k < p; k++) {
      double s = list.score(cand[k]);
      max = Math.max(max, s);
      min = Math.min(min, s);
    }
    double range = max > min ? max - min : 1;
    float[] maxSim = new float[p];
    boolean[] used = new boolean[p];
    int want = Math.min(count, out.length);
    int slotsForExplore = Math.min(explorers, want);
    int picked = 0;
    int exploreDone = 0;
    while (picked < want) {
      boolean exploreSlot =
          exploreDone < slotsForExplore
              && picked >= (long) (exploreDone + 1) * want / (slotsForExplore + 1);
      int best = -1;
      if (exploreSlot) {
        best = bestExplore(list, cand, p, used, out, picked, true);
        if (best < 0) {
          best = bestExplore(list, cand, p, used, out, picked, false);
        }
        exploreDone++;
      }
      if (best < 0) {
        best = bestMmr(list, cand, p, used, maxSim, min, range, out, picked, true);
      }
      if (best < 0) {
        best = bestMmr(list, cand, p, used, maxSim, min, range, out, picked, false);
      }
      if (best < 0) {
        break;
      }
      used[best] = true;
      int chosen = cand[best];
      out[picked++] = chosen;
      if (lambda < 1) {
        for (int k = 0; k < p; k++) {
          if (!used[k]) {
            float s = list.similarity(chosen, cand[k]);
            if (s > maxSim[k]) {
              maxSim[k] = s;
            }
          }
        }
      }
    }
    return picked;
  }

  private int bestExplore(
      RankedList list, int[] cand, int p, boolean[] used, int[] out, int picked, boolean tags) {
    int best = -1;
    double bestVal = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < p; k++) {
      int i = cand[k];
      if (used[k] || !list.isExplore(i)) {
        continue;
      }
      if (list.exploreValue(i) > bestVal && fits(list, i, out, picked, tags)) {
        best = k;
        bestVal = list.exploreValue(i);
      }
    }
    return best;
  }

  private int bestMmr(
      RankedList list,
      int[] cand,
      int p,
      boolean[] used,
      float[] maxSim,
      double min,
      double range,
      int[] out,
      int picked,
      boolean tags) {
    int best = -1;
    double bestVal = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < p; k++) {
      if (used[k]) {
        continue;
      }
      int i = cand[k];
      double rel = (list.score(i) - min) / range;
      double v = lambda * rel - (1 - lambda) * maxSim[k];
      if (v > bestVal && fits(list, i, out, picked, tags)) {
        best = k;
        bestVal = v;
      }
    }
    return best;
  }

  private boolean fits(RankedList list, int i, int[] out, int picked, boolean tags) {
    int creator = list.creator(i);
    for (int b = Math.max(0, picked - (creatorSpacing - 1)); b < picked; b++) {
      if (list.creator(out[b]) == creator) {
        return false;
      }
    }
    if (tags) {
      int[] mine = list.hashtags(i);
      if (mine.length > 0) {
        for (int b = Math.max(0, picked - (hashtagSpacing - 1)); b < picked; b++) {
          int[] theirs = list.hashtags(out[b]);
          for (int x : mine) {
            for (int y : theirs) {
              if (x == y) {
                return false;
              }
            }
          }
        }
      }
    }
    return true;
  }
}
