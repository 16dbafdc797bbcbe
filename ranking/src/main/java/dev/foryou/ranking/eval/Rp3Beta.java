package dev.foryou.ranking.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * RP3β: three-step random walk item–item similarity with popularity penalization.
 *
 * <p>Design: Paudel, Christoffel, Newell and Bernstein, "Updatable, Accurate, Diverse, and Scalable
 * Recommendations for Interactive Applications" (ACM TiiS 2016): {@code W(i, j) = Σ_u P(u|i)^α
 * P(j|u)^α / deg(j)^β} with {@code P(u|i) = 1/deg(i)} and {@code P(j|u) = 1/deg(u)}, top neighbours
 * kept per item; a user's score for {@code j} sums {@code W(i, j)} over their items. It is a
 * component of the {@code foryou} blend (the co-engagement signal with a popularity penalty).
 */
final class Rp3Beta implements Algorithm<Rp3Beta.Config> {

  /**
   * One grid point.
   *
   * @param alpha exponent on transition probabilities
   * @param beta popularity penalty exponent
   * @param neighbours neighbours kept per item
   */
  record Config(double alpha, double beta, int neighbours) {}

  private final int threads;

  Rp3Beta(int threads) {
    this.threads = threads;
  }

  @Override
  public String name() {
    return "rp3beta";
  }

  @Override
  public List<Config> grid() {
    List<Config> g = new ArrayList<>();
    for (double a : new double[] {0.6, 1.0}) {
      for (double b : new double[] {0.2, 0.4, 0.6}) {
        g.add(new Config(a, b, 200));
      }
    }
    return g;
  }

  @Override
  public Recommender fit(UserItems train, Config config) {
    int items = train.items;
    int users = train.users;
    int[][] t = train.transpose();
    int[] is = t[0];
    float[] userWeight = new float[users];
    for (int u = 0; u < users; u++) {
      int n = train.count(u);
      userWeight[u] = n == 0 ? 0f : (float) Math.pow(1.0 / n, config.alpha());
    }
    float[] itemIn = new float[items];
    float[] itemPenalty = new float[items];
    for (int i = 0; i < items; i++) {
      int n = is[i + 1] - is[i];
      itemIn[i] = n == 0 ? 0f : (float) Math.pow(1.0 / n, config.alpha());
      itemPenalty[i] = n == 0 ? 0f : (float) Math.pow(n, -config.beta());
    }
    return ItemNeighbours.build(
        train,
        t,
        threads,
        config.neighbours(),
        userWeight,
        (i, j, weight) -> weight * itemIn[i] * itemPenalty[j]);
  }
}
