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
   * One tuning fold: component models fitted on {@code train}, judged on {@code validation}.
   *
   * @param models fitted components in {@link #COMPONENTS} order
   * @param train the pairs they were fitted on (excluded from ranking)
   * @param validation the held-out pairs
   */
  record Fold(Recommender[] models, UserItems train, UserItems validation) {}

  /** Standardized component scores of one fold's validation users. */
  private static final class Cache {
    final Fold fold;
    final float[][][] scores; // [component][user slot][item]
    final int[] slot; // user -> slot or -1

    Cache(Fold fold, int threads) {
      this.fold = fold;
      Recommender[] rs = fold.models();
      UserItems train = fold.train();
      int items = train.items;
      int users = train.users;
      int[] evalUsers = new int[users];
      int n = 0;
      for (int u = 0; u < users; u++) {
        if (fold.validation().count(u) > 0) {
          evalUsers[n++] = u;
        }
      }
      int m = n;
      scores = new float[rs.length][m][];
      slot = new int[users];
      Arrays.fill(slot, -1);
      for (int x = 0; x < m; x++) {
        slot[evalUsers[x]] = x;
      }
      Evaluator.parallelFor(
          threads,
          m,
          (wk, x) -> {
            int u = evalUsers[x];
            for (int c = 0; c < rs.length; c++) {
              float[] s = new float[items];
              rs[c].score(u, s);
              standardize(s, items, train, u);
              scores[c][x] = s;
            }
          });
    }

    double ndcg(double[] w, int k, int threads) {
      int items = fold.train().items;
      Recommender r =
          (user, out) -> {
            int x = slot[user];
            Arrays.fill(out, 0, items, 0f);
            for (int c = 0; c < w.length; c++) {
              float wc = (float) w[c];
              if (wc == 0) {
                continue;
              }
              float[] s = scores[c][x];
              for (int i = 0; i < items; i++) {
                out[i] += wc * s[i];
              }
            }
          };
      return Evaluator.evaluate(r, fold.train(), fold.validation(), fold.train(), k, threads)
          .ndcg();
    }
  }

  /**
   * Chooses blend weights maximizing the mean validation NDCG over the folds: start from the best
   * single component (weight 1), then coordinate ascent over a weight grid for the others, keeping
   * a change only if the mean improves. Several folds lower the selection noise of one small
   * validation part.
   */
  static Weights tuneWeights(List<Fold> folds, int k, int threads) {
    List<Cache> caches = new java.util.ArrayList<>();
    for (Fold f : folds) {
      caches.add(new Cache(f, threads));
    }
    int comps = folds.get(0).models().length;
    double[] w = new double[comps];
    int anchor = 0;
    double best = -1;
    for (int c = 0; c < comps; c++) {
      double[] one = new double[comps];
      one[c] = 1;
      double ndcg = mean(caches, one, k, threads);
      if (ndcg > best) {
        best = ndcg;
        anchor = c;
      }
    }
    w[anchor] = 1.0;
    for (int round = 0; round < ROUNDS; round++) {
      boolean improved = false;
      for (int c = 0; c < comps; c++) {
        if (c == anchor) {
          continue;
        }
        for (double v : WEIGHTS) {
          if (v == w[c]) {
            continue;
          }
          double old = w[c];
          w[c] = v;
          double ndcg = mean(caches, w, k, threads);
          if (ndcg > best + 1e-9) {
            best = ndcg;
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
    return new Weights(w.clone(), caches.get(0).ndcg(w, k, threads));
  }

  private static double mean(List<Cache> caches, double[] w, int k, int threads) {
    double s = 0;
    for (Cache c : caches) {
      s += c.ndcg(w, k, threads);
    }
    return s / caches.size();
  }
}
