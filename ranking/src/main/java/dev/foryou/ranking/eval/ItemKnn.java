package dev.foryou.ranking.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * Item-based k-nearest-neighbours with shrunk cosine similarity.
 *
 * <p>Design: Sarwar et al., "Item-Based Collaborative Filtering Recommendation Algorithms" (WWW
 * 2001) and Deshpande and Karypis (TOIS 2004): {@code sim(i, j) = |U_i ∩ U_j| / (√|U_i| √|U_j| +
 * shrink)}, keeping each item's top neighbours; a user's score for item {@code j} sums {@code
 * sim(i, j)} over the user's items {@code i} having {@code j} as a neighbour.
 */
final class ItemKnn implements Algorithm<ItemKnn.Config> {

  /**
   * One grid point.
   *
   * @param neighbours neighbours kept per item
   * @param shrink shrinkage added to the cosine denominator
   */
  record Config(int neighbours, double shrink) {}

  private final int threads;

  ItemKnn(int threads) {
    this.threads = threads;
  }

  @Override
  public String name() {
    return "itemknn";
  }

  @Override
  public List<Config> grid() {
    List<Config> g = new ArrayList<>();
    for (int k : new int[] {25, 50, 100, 200, 400}) {
      for (double s : new double[] {0, 10, 50}) {
        g.add(new Config(k, s));
      }
    }
    return g;
  }

  @Override
  public Recommender fit(UserItems train, Config config) {
    int[][] t = train.transpose();
    int[] is = t[0];
    return ItemNeighbours.build(
        train,
        t,
        threads,
        config.neighbours(),
        null,
        (i, j, weight) ->
            (float)
                (weight
                    / (Math.sqrt(is[i + 1] - is[i]) * Math.sqrt(is[j + 1] - is[j])
                        + config.shrink())));
  }
}
