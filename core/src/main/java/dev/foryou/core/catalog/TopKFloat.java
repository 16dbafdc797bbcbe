package dev.foryou.core.catalog;

/**
 * A bounded min-heap keeping the {@code k} best (int, float) pairs; ties broken by the smaller int.
 * Not thread-safe; one per search.
 */
final class TopKFloat {
  private final int[] ids;
  private final float[] scores;
  private int size;

  TopKFloat(int k) {
    ids = new int[k];
    scores = new float[k];
  }

  int size() {
    return size;
  }

  void clear() {
    size = 0;
  }

  /** True if (ia, sa) ranks below (ib, sb). */
  private static boolean worse(float sa, int ia, float sb, int ib) {
    return sa < sb || (sa == sb && ia > ib);
  }

  void offer(int id, float score) {
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

  private void siftDown(int id, float score, int n) {
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

  /** Writes the pairs best first and empties the heap. */
  int drainDescending(int[] outIds, float[] outScores) {
    int n = size;
    for (int last = n - 1; last >= 0; last--) {
      outIds[last] = ids[0];
      outScores[last] = scores[0];
      int id = ids[last];
      float score = scores[last];
      siftDown(id, score, last);
    }
    size = 0;
    return n;
  }
}
