package dev.foryou.core.internal;

import org.jspecify.annotations.Nullable;

/**
 * A bounded min-heap keeping the {@code k} best (int, double) pairs; ties broken by the smaller
 * int. Not thread-safe; one per search.
 */
public final class TopK {
  private final int[] ids;
  private final double[] scores;
  private int size;

  /**
   * Creates an empty heap.
   *
   * @param k how many pairs to keep, at least 1
   */
  public TopK(int k) {
    ids = new int[k];
    scores = new double[k];
  }

  /**
   * Returns how many pairs the heap holds.
   *
   * @return the size, at most k
   */
  public int size() {
    return size;
  }

  /** Empties the heap. */
  public void clear() {
    size = 0;
  }

  /** True if (ia, sa) ranks below (ib, sb). */
  private static boolean worse(double sa, int ia, double sb, int ib) {
    return sa < sb || (sa == sb && ia > ib);
  }

  /**
   * Offers a pair; kept if the heap is not full or it beats the worst kept pair.
   *
   * @param id the id
   * @param score its score
   */
  public void offer(int id, double score) {
    if (size < ids.length) {
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!worse(score, id, scores[parent], ids[parent])) {
          break;
        }
        ids[i] = ids[parent];
        scores[i] = scores[parent];
        i = parent;
      }
      ids[i] = id;
      scores[i] = score;
    } else if (worse(scores[0], ids[0], score, id)) {
      siftDown(id, score, size);
    }
  }

  private void siftDown(int id, double score, int n) {
    int i = 0;
    while (true) {
      int child = 2 * i + 1;
      if (child >= n) {
        break;
      }
      if (child + 1 < n && worse(scores[child + 1], ids[child + 1], scores[child], ids[child])) {
        child++;
      }
      if (!worse(scores[child], ids[child], score, id)) {
        break;
      }
      ids[i] = ids[child];
      scores[i] = scores[child];
      i = child;
    }
    ids[i] = id;
    scores[i] = score;
  }

  /**
   * Writes the pairs best first and empties the heap.
   *
   * @param outIds receives the ids, at least {@link #size()} long
   * @param outScores receives the scores
   * @return how many pairs were written
   */
  public int drainDescending(int[] outIds, double[] outScores) {
    return drain(outIds, outScores, null);
  }

  /**
   * Writes the pairs best first, scores narrowed to float, and empties the heap.
   *
   * @param outIds receives the ids, at least {@link #size()} long
   * @param outScores receives the scores
   * @return how many pairs were written
   */
  public int drainDescending(int[] outIds, float[] outScores) {
    return drain(outIds, null, outScores);
  }

  private int drain(int[] outIds, double @Nullable [] d, float @Nullable [] f) {
    int n = size;
    for (int last = n - 1; last >= 0; last--) {
      outIds[last] = ids[0];
      if (d != null) {
        d[last] = scores[0];
      } else {
        f[last] = (float) scores[0];
      }
      int id = ids[last];
      double score = scores[last];
      siftDown(id, score, last);
    }
    size = 0;
    return n;
  }
}
