package dev.foryou.ranking.eval;

import dev.foryou.ranking.internal.Parallel;
import java.util.Arrays;

/** Full-ranking evaluation over all items, excluding each user's known items. Thread-safe. */
final class Evaluator {

  private Evaluator() {}

  static MetricSet evaluate(
      Recommender rec,
      UserItems exclude,
      UserItems target,
      UserItems popularityBase,
      int k,
      int threads) {
    int users = target.users;
    int items = target.items;
    int[] counts = popularityBase.itemCounts();
    double[] pop = new double[items];
    for (int i = 0; i < items; i++) {
      pop[i] = (double) counts[i] / Math.max(1, users);
    }
    double[][] sums = new double[threads][5];
    int[] evaluated = new int[threads];
    boolean[][] seen = new boolean[threads][items];
    float[][] scoresOf = new float[threads][items];
    int[][] topOf = new int[threads][k];
    float[][] topScoreOf = new float[threads][k];
    Parallel.forRange(
        threads,
        users,
        16,
        (w, u) -> {
          if (target.count(u) == 0) {
            return;
          }
          float[] scores = scoresOf[w];
          int[] top = topOf[w];
          float[] topScore = topScoreOf[w];
          rec.score(u, scores);
          for (int p = exclude.start[u]; p < exclude.start[u + 1]; p++) {
            scores[exclude.cols[p]] = Float.NEGATIVE_INFINITY;
          }
          int n = topK(scores, k, top, topScore);
          int[] ranked = n == k ? top : Arrays.copyOf(top, n);
          int[] rel = target.items(u);
          double[] s = sums[w];
          s[0] += Metrics.ndcg(ranked, rel, k);
          s[1] += Metrics.recall(ranked, rel, k);
          s[2] += Metrics.hitRate(ranked, rel, k);
          s[3] += Metrics.reciprocalRank(ranked, rel, k);
          s[4] += Metrics.novelty(ranked, k, pop, users);
          for (int r = 0; r < n; r++) {
            seen[w][ranked[r]] = true;
          }
          evaluated[w]++;
        });
    double[] tot = new double[5];
    int count = 0;
    for (int t = 0; t < threads; t++) {
      for (int m = 0; m < 5; m++) {
        tot[m] += sums[t][m];
      }
      count += evaluated[t];
    }
    int covered = 0;
    for (int i = 0; i < items; i++) {
      for (int t = 0; t < threads; t++) {
        if (seen[t][i]) {
          covered++;
          break;
        }
      }
    }
    double c = Math.max(1, count);
    return new MetricSet(
        k,
        tot[0] / c,
        tot[1] / c,
        tot[2] / c,
        tot[3] / c,
        items == 0 ? 0 : (double) covered / items,
        tot[4] / c,
        count);
  }

  /** Selects the k best finite scores into top (best first); returns how many were found. */
  static int topK(float[] scores, int k, int[] top, float[] topScore) {
    int n = 0;
    for (int i = 0; i < scores.length; i++) {
      float s = scores[i];
      if (s == Float.NEGATIVE_INFINITY || Float.isNaN(s)) {
        continue;
      }
      if (n == k && s <= topScore[k - 1]) {
        continue;
      }
      int p = n == k ? k - 1 : n++;
      while (p > 0 && topScore[p - 1] < s) {
        top[p] = top[p - 1];
        topScore[p] = topScore[p - 1];
        p--;
      }
      top[p] = i;
      topScore[p] = s;
    }
    return n;
  }

  /** Runs body(worker, index) for index in [0, n) on threads with dynamic assignment. */
  static void parallelFor(int threads, int n, Parallel.Body body) {
    Parallel.forRange(threads, n, 1, body);
  }
}
