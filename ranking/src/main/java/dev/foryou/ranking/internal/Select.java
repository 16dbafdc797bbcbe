package dev.foryou.ranking.internal;

/**
 * Order statistics on primitive arrays, without sorting or boxing: the pre-ranker's cut and the
 * diversity selector's pool. Internal (the package is not exported). Stateless and thread-safe; the
 * arrays passed in are the caller's to guard.
 */
public final class Select {
  private Select() {}

  /**
   * The k-th largest of {@code a[0, n)} (1-based {@code k}), by quickselect (Hoare partition,
   * middle pivot); reorders {@code a[0, n)}.
   *
   * @param a the values
   * @param n how many of them
   * @param k which largest, in {@code [1, n]}
   * @return the value
   * @throws IllegalArgumentException if {@code n} or {@code k} is out of range
   */
  public static double kthLargest(double[] a, int n, int k) {
    if (n < 1 || n > a.length) {
      throw new IllegalArgumentException("n must be in [1, " + a.length + "]: " + n);
    }
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k must be in [1, " + n + "]: " + k);
    }
    int lo = 0;
    int hi = n - 1;
    int target = k - 1;
    while (lo < hi) {
      double pivot = a[(lo + hi) >>> 1];
      int i = lo;
      int j = hi;
      while (i <= j) {
        while (a[i] > pivot) {
          i++;
        }
        while (a[j] < pivot) {
          j--;
        }
        if (i <= j) {
          double t = a[i];
          a[i] = a[j];
          a[j] = t;
          i++;
          j--;
        }
      }
      if (target <= j) {
        hi = j;
      } else if (target >= i) {
        lo = i;
      } else {
        return a[target];
      }
    }
    return a[target];
  }
}
