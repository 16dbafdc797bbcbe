package dev.foryou.ranking.eval;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Per-item top-k neighbour lists and the item-to-item recommender over them, shared by item-kNN and
 * RP3β (both accumulate co-occurrence weights for an item, turn each into a similarity, keep the
 * best {@code k} and score a user's items by summing their neighbours' similarities).
 */
final class ItemNeighbours {
  private ItemNeighbours() {}

  /** Turns the weight accumulated for the pair (i, j) into their similarity. */
  interface Similarity {
    float of(int i, int j, float accumulated);
  }

  /**
   * Builds every item's neighbour list from co-occurrences and returns the recommender over them.
   * Item {@code i}'s weight for {@code j} sums, over the users who have both, the user's weight (1
   * when {@code userWeight} is null); {@code similarity} turns it into the kept score.
   *
   * @param train the training interactions
   * @param transposed {@code train.transpose()}: item start offsets and their users
   * @param threads worker threads
   * @param keep neighbours kept per item
   * @param userWeight per-user weight, or null for 1
   * @param similarity weight to similarity
   * @return the recommender
   */
  static Recommender build(
      UserItems train,
      int[][] transposed,
      int threads,
      int keep,
      float @Nullable [] userWeight,
      Similarity similarity) {
    int items = train.items;
    int[] is = transposed[0];
    int[] us = transposed[1];
    int[][] nbr = new int[items][];
    float[][] sim = new float[items][];
    float[][] acc = new float[threads][items];
    int[][] touched = new int[threads][items];
    Evaluator.parallelFor(
        threads,
        items,
        (w, i) -> {
          float[] a = acc[w];
          int[] tl = touched[w];
          int nt = 0;
          for (int p = is[i]; p < is[i + 1]; p++) {
            int u = us[p];
            float wu = userWeight == null ? 1f : userWeight[u];
            for (int q = train.start[u]; q < train.start[u + 1]; q++) {
              int j = train.cols[q];
              if (j != i) {
                if (a[j] == 0) {
                  tl[nt++] = j;
                }
                a[j] += wu;
              }
            }
          }
          keepTop(i, tl, nt, a, keep, similarity, nbr, sim);
        });
    return recommender(train, nbr, sim);
  }

  /**
   * Keeps item {@code i}'s best {@code keep} neighbours among the touched candidates, in descending
   * similarity, and clears the accumulator for the next item.
   *
   * @param i the item
   * @param touched the candidates with a non-zero weight, {@code count} of them
   * @param count how many of {@code touched} are set
   * @param acc the accumulated weights, indexed by item; zero again on return
   * @param keep neighbours to keep
   * @param similarity weight to similarity
   * @param nbr receives {@code nbr[i]}
   * @param sim receives {@code sim[i]}
   */
  private static void keepTop(
      int i,
      int[] touched,
      int count,
      float[] acc,
      int keep,
      Similarity similarity,
      int[][] nbr,
      float[][] sim) {
    int k = Math.min(keep, count);
    int[] top = new int[k];
    float[] topScore = new float[k];
    int n = 0;
    for (int x = 0; x < count; x++) {
      int j = touched[x];
      float s = similarity.of(i, j, acc[j]);
      acc[j] = 0;
      if (n == k && s <= topScore[k - 1]) {
        continue;
      }
      int pos = n == k ? k - 1 : n++;
      while (pos > 0 && topScore[pos - 1] < s) {
        top[pos] = top[pos - 1];
        topScore[pos] = topScore[pos - 1];
        pos--;
      }
      top[pos] = j;
      topScore[pos] = s;
    }
    nbr[i] = Arrays.copyOf(top, n);
    sim[i] = Arrays.copyOf(topScore, n);
  }

  /**
   * The recommender that scores item {@code j} for a user by summing {@code sim[i]} over the user's
   * training items {@code i} that have {@code j} as a neighbour.
   *
   * @param train the training interactions
   * @param nbr neighbour lists per item
   * @param sim their similarities
   * @return the recommender (thread-safe: it only reads)
   */
  private static Recommender recommender(UserItems train, int[][] nbr, float[][] sim) {
    int items = train.items;
    return (user, out) -> {
      Arrays.fill(out, 0, items, 0f);
      for (int p = train.start[user]; p < train.start[user + 1]; p++) {
        int i = train.cols[p];
        int[] nb = nbr[i];
        float[] s = sim[i];
        for (int x = 0; x < nb.length; x++) {
          out[nb[x]] += s[x];
        }
      }
    };
  }
}
