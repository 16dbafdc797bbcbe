package dev.foryou.ranking.rerank;

import dev.foryou.ranking.internal.Select;

/*
 * Design: greedy Maximal Marginal Relevance (Carbonell & Goldstein, SIGIR 1998): each slot takes
 * the entry maximising λ·relevance − (1−λ)·max similarity to the entries already on the page, with
 * relevance the score min-max normalised over the pool (the top `pool` entries by score). Hard
 * constraints: no two entries of one creator within `creatorSpacing` consecutive slots; no two
 * sharing a hashtag within `hashtagSpacing` slots (relaxed for a slot only if nothing satisfies it,
 * the creator rule never). Exploration entries (see ThompsonExploration) are placed at evenly
 * spaced reserved slots, best sample first, under the same constraints. Only the pool is sorted
 * (by score, ties by position); each slot scans it in score order and stops once λ·relevance (an
 * upper bound of the MMR value, similarity being at least 0) cannot beat the best value found, and
 * an entry's max-similarity to the page is updated lazily, only when the scan reaches it: the same
 * picks as the eager O(count·pool·dimension) greedy at a fraction of the similarities.
 */
final class DiversitySelector implements Selector {
  private final int creatorSpacing;
  private final int hashtagSpacing;
  private final double lambda;
  private final int pool;

  DiversitySelector(int creatorSpacing, int hashtagSpacing, double lambda, int pool) {
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

  /** Per-thread working arrays, grown as needed (the selector itself is shared). */
  private static final class Scratch {
    double[] score = new double[0];
    double[] sorted = new double[0];
    int[] cand = new int[0];
    float[] maxSim = new float[0];
    int[] upTo = new int[0];
    boolean[] used = new boolean[0];

    void ensure(int n) {
      if (score.length < n) {
        score = new double[n];
        sorted = new double[n];
        cand = new int[n];
        maxSim = new float[n];
        upTo = new int[n];
        used = new boolean[n];
      }
    }
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  @Override
  public int select(RankedList list, int count, int[] out) {
    if (count < 1) {
      throw new IllegalArgumentException("count must be >= 1: " + count);
    }
    int n = list.size();
    if (n == 0) {
      return 0;
    }
    Scratch sc = SCRATCH.get();
    sc.ensure(n);
    double[] score = sc.score;
    for (int i = 0; i < n; i++) {
      score[i] = list.score(i);
    }
    // pool = the top entries by score (ties by position) plus every exploration entry, in that
    // order; only the pool is sorted
    int[] cand = sc.cand;
    int p = 0;
    int explorers = 0;
    double threshold = Double.NEGATIVE_INFINITY;
    int atThreshold = n; // how many entries scoring exactly the threshold may still join
    if (n > pool) {
      System.arraycopy(score, 0, sc.sorted, 0, n);
      threshold = Select.kthLargest(sc.sorted, n, pool);
      int above = 0;
      for (int i = 0; i < n; i++) {
        if (score[i] > threshold) {
          above++;
        }
      }
      atThreshold = pool - above;
    }
    for (int i = 0; i < n; i++) {
      boolean top = score[i] > threshold || (score[i] == threshold && atThreshold-- > 0);
      boolean explore = list.isExplore(i);
      if (top || explore) {
        cand[p++] = i;
        if (explore) {
          explorers++;
        }
      }
    }
    it.unimi.dsi.fastutil.ints.IntArrays.quickSort(
        cand,
        0,
        p,
        (a, b) -> {
          int c = Double.compare(score[b], score[a]);
          return c != 0 ? c : Integer.compare(a, b);
        });
    double max = score[cand[0]];
    double min = score[cand[p - 1]];
    double range = max > min ? max - min : 1;
    float[] maxSim = sc.maxSim;
    int[] upTo = sc.upTo;
    boolean[] used = sc.used;
    java.util.Arrays.fill(maxSim, 0, p, 0f);
    java.util.Arrays.fill(upTo, 0, p, 0);
    java.util.Arrays.fill(used, 0, p, false);
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
        best = bestMmr(list, score, cand, p, used, maxSim, upTo, min, range, out, picked, true);
      }
      if (best < 0) {
        best = bestMmr(list, score, cand, p, used, maxSim, upTo, min, range, out, picked, false);
      }
      if (best < 0) {
        break;
      }
      used[best] = true;
      out[picked++] = cand[best];
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

  /**
   * The unused pool entry of the highest MMR value that fits. The pool is sorted by score and an
   * entry's value is at most λ·relevance (its similarity is at least 0), so the scan stops at the
   * first entry whose bound cannot beat the best so far; an entry's max-similarity is brought up to
   * date with the picks made since it was last looked at only when it is looked at.
   */
  private int bestMmr(
      RankedList list,
      double[] score,
      int[] cand,
      int p,
      boolean[] used,
      float[] maxSim,
      int[] upTo,
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
      double rel = (score[i] - min) / range;
      if (lambda * rel <= bestVal) {
        break; // this and every later entry: value <= λ·rel <= bestVal
      }
      if (!fits(list, i, out, picked, tags)) {
        continue;
      }
      if (lambda < 1) {
        float m = maxSim[k];
        for (int b = upTo[k]; b < picked; b++) {
          float s = list.similarity(out[b], i);
          if (s > m) {
            m = s;
          }
        }
        maxSim[k] = m;
        upTo[k] = picked;
      }
      double v = lambda * rel - (1 - lambda) * maxSim[k];
      if (v > bestVal) {
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
