package dev.foryou.ranking.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The engine's own recommender: a validation-tuned blend of per-user standardized scores of EASE
 * (item–item regression), iALS (the embedding model the feed uses), item-kNN and RP3β
 * (co-engagement).
 *
 * <p>Design: linear score blending of heterogeneous recommenders (the "feature-weighted linear
 * stacking" idea of Sill et al., 2009, with constant weights), each model's scores standardized
 * over the user's candidate items (z-scores) so weights are comparable; the weights are chosen on
 * the validation part by coordinate ascent over a weight grid, with EASE's weight fixed at 1.
 */
final class Foryou {

  static final List<String> COMPONENTS = List.of("ease", "ials", "itemknn", "rp3beta");

  private static final double[] WEIGHTS = {
    0, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1, 1.3, 1.7, 2.2, 3, 4
  };
  private static final int ROUNDS = 3;

  /**
   * Blend weights and the validation NDCG they reached.
   *
   * @param weights one weight per component, in {@link #COMPONENTS} order
   * @param validationNdcg validation NDCG@K
   */
  record Weights(double[] weights, double validationNdcg) {
    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder("blend[");
      for (int c = 0; c < weights.length; c++) {
        if (c > 0) {
          sb.append(", ");
        }
        sb.append(COMPONENTS.get(c))
            .append('=')
            .append(String.format(Locale.ROOT, "%.2f", weights[c]));
      }
      return sb.append(']').toString();
    }
  }

  private Foryou() {}

  /** Standardizes scores over the items not in {@code exclude}'s row of the user, in place. */
  static void standardize(float[] s, int items, UserItems exclude, int user) {
    double sum = 0;
    double sq = 0;
    int n = 0;
    int p = exclude.start[user];
    int end = exclude.start[user + 1];
    for (int i = 0; i < items; i++) {
      if (p < end && exclude.cols[p] == i) {
        p++;
        continue;
      }
      sum += s[i];
      sq += (double) s[i] * s[i];
      n++;
    }
    if (n == 0) {
      return;
    }
    double mean = sum / n;
    double sd = Math.sqrt(Math.max(sq / n - mean * mean, 0));
    float inv = sd > 0 ? (float) (1 / sd) : 0f;
    float m = (float) mean;
    for (int i = 0; i < items; i++) {
      s[i] = (s[i] - m) * inv;
    }
  }

  static Recommender blend(Map<String, Recommender> models, Weights w, UserItems train) {
    Recommender[] rs = models.values().toArray(Recommender[]::new);
    double[] weights = w.weights();
    int items = train.items;
    ThreadLocal<float[]> buf = ThreadLocal.withInitial(() -> new float[items]);
    return (user, out) -> {
      Arrays.fill(out, 0, items, 0f);
      float[] tmp = buf.get();
      for (int c = 0; c < rs.length; c++) {
        if (weights[c] == 0) {
          continue;
        }
        rs[c].score(user, tmp);
        standardize(tmp, items, train, user);
        float wc = (float) weights[c];
        for (int i = 0; i < items; i++) {
          out[i] += wc * tmp[i];
        }
      }
    };
  }

  /**
   * Grid-searches the blend weights on validation, caching each component's standardized scores.
   */
  static Weights tuneWeights(
      Map<String, Recommender> models, UserItems train, UserItems validation, int k, int threads) {
    Recommender[] rs = models.values().toArray(Recommender[]::new);
    int items = train.items;
    int users = train.users;
    // cache standardized component scores of validation users
    int[] evalUsers =
        java.util.stream.IntStream.range(0, users).filter(u -> validation.count(u) > 0).toArray();
    float[][][] cache = new float[rs.length][evalUsers.length][];
    Evaluator.parallelFor(
        threads,
        evalUsers.length,
        (wk, x) -> {
          int u = evalUsers[x];
          for (int c = 0; c < rs.length; c++) {
            float[] s = new float[items];
            rs[c].score(u, s);
            standardize(s, items, train, u);
            cache[c][x] = s;
          }
        });
    int[] index = new int[users];
    Arrays.fill(index, -1);
    for (int x = 0; x < evalUsers.length; x++) {
      index[evalUsers[x]] = x;
    }
    // coordinate ascent from EASE alone: each round tries every weight for each other component
    double[] w = new double[rs.length];
    w[0] = 1.0;
    double bestNdcg = blendNdcg(w, rs.length, cache, index, items, train, validation, k, threads);
    for (int round = 0; round < ROUNDS; round++) {
      boolean improved = false;
      for (int c = 1; c < rs.length; c++) {
        for (double v : WEIGHTS) {
          if (v == w[c]) {
            continue;
          }
          double old = w[c];
          w[c] = v;
          double ndcg = blendNdcg(w, rs.length, cache, index, items, train, validation, k, threads);
          if (ndcg > bestNdcg + 1e-9) {
            bestNdcg = ndcg;
            improved = true;
          } else {
            w[c] = old;
          }
        }
      }
      if (!improved) {
        break;
      }
    }
    return new Weights(w.clone(), bestNdcg);
  }

  private static double blendNdcg(
      double[] g,
      int components,
      float[][][] cache,
      int[] index,
      int items,
      UserItems train,
      UserItems validation,
      int k,
      int threads) {
    Recommender r =
        (user, out) -> {
          int x = index[user];
          Arrays.fill(out, 0, items, 0f);
          for (int c = 0; c < components; c++) {
            float wc = (float) g[c];
            if (wc == 0) {
              continue;
            }
            float[] s = cache[c][x];
            for (int i = 0; i < items; i++) {
              out[i] += wc * s[i];
            }
          }
        };
    return Evaluator.evaluate(r, train, validation, train, k, threads).ndcg();
  }
}
