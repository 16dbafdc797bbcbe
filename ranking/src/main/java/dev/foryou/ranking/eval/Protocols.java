package dev.foryou.ranking.eval;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The evaluation protocols: rating threshold and k-core filtering, then a random per-user 80/10/10
 * split or a temporal leave-last-out split. Stateless and thread-safe.
 *
 * <p>The common protocol (as in RecBole and the EASE / iALS comparisons, e.g. Rendle et al.,
 * "Revisiting the Performance of iALS on Item Recommendation Benchmarks", RecSys 2022) keeps
 * ratings at or above a threshold as positive interactions, repeats dropping users and items with
 * fewer than {@code core} interactions until none is left (a fixed point), and splits each user's
 * interactions at random. Duplicate (user, item) pairs keep their latest rating.
 */
public final class Protocols {

  private Protocols() {}

  /**
   * Returns the rating threshold {@code --min-rating} stands for on a data set: an explicit value
   * is used as-is in the data's own units; the default (null) means "3 on a 5-point scale" and is
   * scaled to the data's top rating, so 0–10 data (MovieTweetings) keeps ratings >= 6.
   *
   * @param minRating the explicit threshold or null for the default
   * @param data the ratings
   * @return the threshold in the data's units
   */
  public static double ratingThreshold(Double minRating, RatingData data) {
    if (minRating != null) {
      if (!Double.isFinite(minRating)) {
        throw new IllegalArgumentException("min-rating must be finite: " + minRating);
      }
      return minRating;
    }
    float max = data.maxRating();
    return max > 5f ? 3.0 * Math.ceil(max) / 5.0 : 3.0;
  }

  /**
   * Keeps ratings at or above {@code minRating} and applies the k-core filter to a fixed point.
   *
   * @param data the ratings
   * @param minRating the threshold (inclusive)
   * @param core the minimum interactions per user and per item, >= 0 (0 or 1 = no filter)
   * @return the positive interactions, re-indexed densely
   */
  public static Interactions filter(RatingData data, double minRating, int core) {
    if (core < 0) {
      throw new IllegalArgumentException("core must be >= 0: " + core);
    }
    int n = data.size();
    // latest rating per (user, item) wins: sort indexes by (user, item, time/order)
    long[] keys = new long[n];
    for (int k = 0; k < n; k++) {
      keys[k] = ((long) data.user[k] << 32) | (data.item[k] & 0xffffffffL);
    }
    int[] idx = sortedIndexes(keys, data.timestamp);
    boolean[] keep = new boolean[n];
    for (int p = 0; p < n; p++) {
      int k = idx[p];
      boolean last = p + 1 == n || keys[idx[p + 1]] != keys[k];
      keep[k] = last && data.rating[k] >= minRating;
    }
    int[] uc = new int[data.users()];
    int[] ic = new int[data.items()];
    boolean changed = true;
    while (changed) {
      Arrays.fill(uc, 0);
      Arrays.fill(ic, 0);
      for (int k = 0; k < n; k++) {
        if (keep[k]) {
          uc[data.user[k]]++;
          ic[data.item[k]]++;
        }
      }
      changed = false;
      for (int k = 0; k < n; k++) {
        if (keep[k] && (uc[data.user[k]] < core || ic[data.item[k]] < core)) {
          keep[k] = false;
          changed = true;
        }
      }
    }
    int[] umap = new int[data.users()];
    int[] imap = new int[data.items()];
    Arrays.fill(umap, -1);
    Arrays.fill(imap, -1);
    int users = 0;
    int items = 0;
    int m = 0;
    for (int k = 0; k < n; k++) {
      if (keep[k]) {
        m++;
        if (umap[data.user[k]] < 0) {
          umap[data.user[k]] = users++;
        }
        if (imap[data.item[k]] < 0) {
          imap[data.item[k]] = items++;
        }
      }
    }
    int[] u = new int[m];
    int[] it = new int[m];
    long[] t = data.timestamp == null ? null : new long[m];
    int w = 0;
    for (int k = 0; k < n; k++) {
      if (keep[k]) {
        u[w] = umap[data.user[k]];
        it[w] = imap[data.item[k]];
        if (t != null) {
          t[w] = data.timestamp[k];
        }
        w++;
      }
    }
    return new Interactions(users, items, u, it, t);
  }

  private static int[] sortedIndexes(long[] keys, long[] time) {
    int n = keys.length;
    int[] idx = new int[n];
    for (int k = 0; k < n; k++) {
      idx[k] = k;
    }
    it.unimi.dsi.fastutil.ints.IntArrays.mergeSort(
        idx,
        (a, b) -> {
          int c = Long.compare(keys[a], keys[b]);
          if (c != 0) {
            return c;
          }
          if (time != null) {
            c = Long.compare(time[a], time[b]);
            if (c != 0) {
              return c;
            }
          }
          return Integer.compare(a, b);
        });
    return idx;
  }

  /**
   * Splits every user's interactions at random into about 80% train, 10% validation and 10% test
   * ({@code round(0.1·n)} each for validation and test, at least one train item kept).
   * Deterministic for a seed.
   *
   * @param data the filtered interactions
   * @param seed the seed
   * @return the split
   */
  public static Split random(Interactions data, long seed) {
    IntArrayList[] byUser = byUser(data);
    IntArrayList[] tr = lists(data.users);
    IntArrayList[] va = lists(data.users);
    IntArrayList[] te = lists(data.users);
    for (int u = 0; u < data.users; u++) {
      int[] its = byUser[u].toIntArray();
      Arrays.sort(its); // canonical order, independent of file order
      SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + u);
      for (int i = its.length - 1; i > 0; i--) {
        int j = rnd.nextInt(i + 1);
        int tmp = its[i];
        its[i] = its[j];
        its[j] = tmp;
      }
      int n = its.length;
      int nTest = (int) Math.round(0.1 * n);
      int nVal = (int) Math.round(0.1 * n);
      while (nTest + nVal >= n && (nTest > 0 || nVal > 0)) {
        if (nVal >= nTest && nVal > 0) {
          nVal--;
        } else {
          nTest--;
        }
      }
      for (int k = 0; k < n; k++) {
        (k < nTest ? te[u] : k < nTest + nVal ? va[u] : tr[u]).add(its[k]);
      }
    }
    return new Split(
        "random(seed=" + seed + ")",
        UserItems.of(data.items, tr),
        UserItems.of(data.items, va),
        UserItems.of(data.items, te));
  }

  /**
   * Temporal leave-last-out: each user's latest interaction is the test item, the one before the
   * validation item, the rest train (users with fewer than 3 interactions keep all in train). Ties
   * in time break by item index.
   *
   * @param data the filtered interactions, with timestamps
   * @return the split
   * @throws IllegalArgumentException if the data has no timestamps
   */
  public static Split temporal(Interactions data) {
    if (data.time == null) {
      throw new IllegalArgumentException("temporal protocol needs timestamps; this data has none");
    }
    IntArrayList[] byUser = new IntArrayList[data.users];
    for (int u = 0; u < data.users; u++) {
      byUser[u] = new IntArrayList();
    }
    for (int k = 0; k < data.size(); k++) {
      byUser[data.user[k]].add(k);
    }
    IntArrayList[] tr = lists(data.users);
    IntArrayList[] va = lists(data.users);
    IntArrayList[] te = lists(data.users);
    for (int u = 0; u < data.users; u++) {
      int[] ks = byUser[u].toIntArray();
      it.unimi.dsi.fastutil.ints.IntArrays.mergeSort(
          ks,
          (a, b) -> {
            int c = Long.compare(data.time[a], data.time[b]);
            return c != 0 ? c : Integer.compare(data.item[a], data.item[b]);
          });
      int n = ks.length;
      for (int p = 0; p < n; p++) {
        int item = data.item[ks[p]];
        if (n >= 3 && p == n - 1) {
          te[u].add(item);
        } else if (n >= 3 && p == n - 2) {
          va[u].add(item);
        } else {
          tr[u].add(item);
        }
      }
    }
    return new Split(
        "temporal",
        UserItems.of(data.items, tr),
        UserItems.of(data.items, va),
        UserItems.of(data.items, te));
  }

  private static IntArrayList[] byUser(Interactions data) {
    IntArrayList[] rows = lists(data.users);
    for (int k = 0; k < data.size(); k++) {
      rows[data.user[k]].add(data.item[k]);
    }
    return rows;
  }

  private static IntArrayList[] lists(int n) {
    IntArrayList[] a = new IntArrayList[n];
    for (int i = 0; i < n; i++) {
      a[i] = new IntArrayList();
    }
    return a;
  }
}
