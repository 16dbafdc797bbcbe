package dev.foryou.ranking.eval;

import java.util.Arrays;

/**
 * Ranking and click-model metrics. Ranking metrics take a ranked list of item indexes and the
 * user's held-out items sorted ascending, with binary relevance. Stateless and thread-safe.
 *
 * <ul>
 *   <li>NDCG@K = DCG@K / IDCG@K with gain 1/log2(rank + 1) and IDCG over min(|relevant|, K) hits;
 *   <li>Recall@K = hits in the top K / |relevant|;
 *   <li>HitRate@K = 1 if any hit in the top K;
 *   <li>MRR@K = 1 / rank of the first hit within the top K, else 0;
 *   <li>novelty = mean self-information −log2(p) of recommended items, p = share of users with the
 *       item in training (Zhou et al., PNAS 2010);
 *   <li>AUC by the rank-sum (Mann–Whitney) statistic with ties counted half; log loss with
 *       probabilities clamped to [1e-15, 1 − 1e-15].
 * </ul>
 */
public final class Metrics {

  private Metrics() {}

  private static int hitsAndCheck(int[] ranked, int[] relevant, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1: " + k);
    }
    int hits = 0;
    for (int r = 0; r < Math.min(k, ranked.length); r++) {
      if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
        hits++;
      }
    }
    return hits;
  }

  /**
   * Returns NDCG@K.
   *
   * @param ranked recommended items, best first
   * @param relevant held-out items, ascending
   * @param k the cut-off, >= 1
   * @return NDCG in [0, 1]; 0 if nothing is relevant
   */
  public static double ndcg(int[] ranked, int[] relevant, int k) {
    hitsAndCheck(ranked, relevant, k);
    if (relevant.length == 0) {
      return 0;
    }
    double dcg = 0;
    for (int r = 0; r < Math.min(k, ranked.length); r++) {
      if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
        dcg += 1.0 / log2(r + 2);
      }
    }
    double idcg = 0;
    for (int r = 0; r < Math.min(k, relevant.length); r++) {
      idcg += 1.0 / log2(r + 2);
    }
    return dcg / idcg;
  }

  /**
   * Returns Recall@K.
   *
   * @param ranked recommended items, best first
   * @param relevant held-out items, ascending
   * @param k the cut-off, >= 1
   * @return hits / |relevant|; 0 if nothing is relevant
   */
  public static double recall(int[] ranked, int[] relevant, int k) {
    int hits = hitsAndCheck(ranked, relevant, k);
    return relevant.length == 0 ? 0 : (double) hits / relevant.length;
  }

  /**
   * Returns HitRate@K for one user.
   *
   * @param ranked recommended items, best first
   * @param relevant held-out items, ascending
   * @param k the cut-off, >= 1
   * @return 1 if a relevant item is in the top K, else 0
   */
  public static double hitRate(int[] ranked, int[] relevant, int k) {
    return hitsAndCheck(ranked, relevant, k) > 0 ? 1 : 0;
  }

  /**
   * Returns the reciprocal rank of the first hit within the top K.
   *
   * @param ranked recommended items, best first
   * @param relevant held-out items, ascending
   * @param k the cut-off, >= 1
   * @return 1/rank, or 0 without a hit in the top K
   */
  public static double reciprocalRank(int[] ranked, int[] relevant, int k) {
    hitsAndCheck(ranked, relevant, k);
    for (int r = 0; r < Math.min(k, ranked.length); r++) {
      if (Arrays.binarySearch(relevant, ranked[r]) >= 0) {
        return 1.0 / (r + 1);
      }
    }
    return 0;
  }

  /**
   * Returns the mean self-information of the top K.
   *
   * @param ranked recommended items, best first
   * @param k the cut-off, >= 1
   * @param popularity per item, the share of users with it in training, in [0, 1]; items with share
   *     0 count as seen by half a user out of {@code users}
   * @param users number of users (for the zero-share floor), >= 1
   * @return mean −log2(share) of the listed items; 0 for an empty list
   */
  public static double novelty(int[] ranked, int k, double[] popularity, int users) {
    int n = Math.min(k, ranked.length);
    if (n == 0) {
      return 0;
    }
    double s = 0;
    for (int r = 0; r < n; r++) {
      double p = Math.max(popularity[ranked[r]], 0.5 / users);
      s -= log2(p);
    }
    return s / n;
  }

  /**
   * Returns the area under the ROC curve.
   *
   * @param scores model scores
   * @param labels true for positives, parallel to scores
   * @return AUC in [0, 1]
   * @throws IllegalArgumentException if lengths differ or a class is missing
   */
  public static double auc(double[] scores, boolean[] labels) {
    if (scores.length != labels.length) {
      throw new IllegalArgumentException(
          "scores and labels differ in length: " + scores.length + " vs " + labels.length);
    }
    int n = scores.length;
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    it.unimi.dsi.fastutil.ints.IntArrays.mergeSort(
        idx, (a, b) -> Double.compare(scores[a], scores[b]));
    long pos = 0;
    double rankSum = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[idx[j + 1]] == scores[idx[i]]) {
        j++;
      }
      double avgRank = (i + j) / 2.0 + 1.0;
      for (int t = i; t <= j; t++) {
        if (labels[idx[t]]) {
          rankSum += avgRank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException(
          "AUC needs both classes: positives=" + pos + ", negatives=" + neg);
    }
    return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }

  /**
   * Returns the mean binary log loss.
   *
   * @param probabilities predicted click probabilities
   * @param labels true for clicks, parallel
   * @return mean −[y ln p + (1−y) ln(1−p)]
   * @throws IllegalArgumentException if lengths differ, the input is empty or a probability is
   *     outside [0, 1]
   */
  public static double logLoss(double[] probabilities, boolean[] labels) {
    if (probabilities.length != labels.length) {
      throw new IllegalArgumentException(
          "probabilities and labels differ in length: "
              + probabilities.length
              + " vs "
              + labels.length);
    }
    if (probabilities.length == 0) {
      throw new IllegalArgumentException("log loss of no predictions");
    }
    double s = 0;
    for (int i = 0; i < probabilities.length; i++) {
      double p = probabilities[i];
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("probability outside [0, 1]: " + p);
      }
      p = Math.min(1 - 1e-15, Math.max(1e-15, p));
      s -= labels[i] ? Math.log(p) : Math.log(1 - p);
    }
    return s / probabilities.length;
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
