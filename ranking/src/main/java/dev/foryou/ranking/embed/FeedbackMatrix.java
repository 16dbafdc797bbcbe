package dev.foryou.ranking.embed;

import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;

/**
 * A sparse user × item matrix of signed implicit-feedback strengths, stored twice (by user and by
 * item, compressed rows with sorted columns) so alternating solvers stream both sides.
 *
 * <p>A positive value is evidence the user likes the item (its size becomes the confidence), a
 * negative value evidence against it (a skip, "not interested"), see {@link ImplicitFeedback}.
 * Immutable after {@link Builder#build()} and thread-safe.
 */
public final class FeedbackMatrix {

  final int users;
  final int items;
  final int[] userStart; // users + 1
  final int[] userItems;
  final float[] userValues;
  final int[] itemStart; // items + 1
  final int[] itemUsers;
  final float[] itemValues;

  private FeedbackMatrix(int users, int items, int[] start, int[] cols, float[] vals) {
    this.users = users;
    this.items = items;
    this.userStart = start;
    this.userItems = cols;
    this.userValues = vals;
    this.itemStart = new int[items + 1];
    for (int c : cols) {
      itemStart[c + 1]++;
    }
    for (int i = 0; i < items; i++) {
      itemStart[i + 1] += itemStart[i];
    }
    this.itemUsers = new int[cols.length];
    this.itemValues = new float[cols.length];
    int[] fill = Arrays.copyOf(itemStart, items);
    for (int u = 0; u < users; u++) {
      for (int k = start[u]; k < start[u + 1]; k++) {
        int p = fill[cols[k]]++;
        itemUsers[p] = u;
        itemValues[p] = vals[k];
      }
    }
  }

  /**
   * Starts a matrix of the given shape.
   *
   * @param users number of users (dense indexes {@code [0, users)}), at least 0
   * @param items number of items (dense indexes {@code [0, items)}), at least 0
   * @return a new builder
   */
  public static Builder builder(int users, int items) {
    if (users < 0) {
      throw new IllegalArgumentException("users must be >= 0: " + users);
    }
    if (items < 0) {
      throw new IllegalArgumentException("items must be >= 0: " + items);
    }
    return new Builder(users, items);
  }

  /** Returns the number of users (rows). */
  public int users() {
    return users;
  }

  /** Returns the number of items (columns). */
  public int items() {
    return items;
  }

  /** Returns the number of stored (user, item) entries. */
  public int nonZeros() {
    return userItems.length;
  }

  /**
   * Returns how many items a user has feedback on.
   *
   * @param user a user index in {@code [0, users)}
   * @return the row length
   */
  public int userDegree(int user) {
    checkUser(user);
    return userStart[user + 1] - userStart[user];
  }

  /**
   * Returns how many users gave feedback on an item.
   *
   * @param item an item index in {@code [0, items)}
   * @return the column length
   */
  public int itemDegree(int item) {
    if (item < 0 || item >= items) {
      throw new IllegalArgumentException("item out of range [0, " + items + "): " + item);
    }
    return itemStart[item + 1] - itemStart[item];
  }

  /**
   * Copies a user's row (items ascending) into caller buffers.
   *
   * @param user a user index
   * @param outItems receives item indexes; at least {@link #userDegree} long
   * @param outValues receives the signed strengths; at least {@link #userDegree} long
   * @return the row length
   */
  public int userRow(int user, int[] outItems, float[] outValues) {
    int n = userDegree(user);
    System.arraycopy(userItems, userStart[user], outItems, 0, n);
    System.arraycopy(userValues, userStart[user], outValues, 0, n);
    return n;
  }

  private void checkUser(int user) {
    if (user < 0 || user >= users) {
      throw new IllegalArgumentException("user out of range [0, " + users + "): " + user);
    }
  }

  /**
   * Accumulates (user, item, value) triples; repeated pairs are summed. Not thread-safe; build
   * once.
   */
  public static final class Builder {
    private final int users;
    private final int items;
    private final IntArrayList us = new IntArrayList();
    private final IntArrayList is = new IntArrayList();
    private final FloatArrayList vs = new FloatArrayList();

    private Builder(int users, int items) {
      this.users = users;
      this.items = items;
    }

    /**
     * Adds feedback; repeated (user, item) pairs are summed at build time.
     *
     * @param user a user index in {@code [0, users)}
     * @param item an item index in {@code [0, items)}
     * @param value a finite signed strength (positive = liked, negative = disliked)
     * @return this builder
     * @throws IllegalArgumentException naming the bad index or value; nothing is added then
     */
    public Builder add(int user, int item, float value) {
      if (user < 0 || user >= users) {
        throw new IllegalArgumentException("user out of range [0, " + users + "): " + user);
      }
      if (item < 0 || item >= items) {
        throw new IllegalArgumentException("item out of range [0, " + items + "): " + item);
      }
      if (!Float.isFinite(value)) {
        throw new IllegalArgumentException("value must be finite: " + value);
      }
      us.add(user);
      is.add(item);
      vs.add(value);
      return this;
    }

    /**
     * Builds the matrix; pairs whose summed value is exactly 0 are dropped.
     *
     * @return an immutable matrix
     */
    public FeedbackMatrix build() {
      int n = us.size();
      int[] start = new int[users + 1];
      for (int k = 0; k < n; k++) {
        start[us.getInt(k) + 1]++;
      }
      for (int u = 0; u < users; u++) {
        start[u + 1] += start[u];
      }
      int[] fill = Arrays.copyOf(start, users);
      int[] cols = new int[n];
      float[] vals = new float[n];
      for (int k = 0; k < n; k++) {
        int p = fill[us.getInt(k)]++;
        cols[p] = is.getInt(k);
        vals[p] = vs.getFloat(k);
      }
      // sort each row by item and merge duplicates
      int[] outStart = new int[users + 1];
      int w = 0;
      long[] keys = new long[0];
      for (int u = 0; u < users; u++) {
        int s = start[u];
        int e = start[u + 1];
        int len = e - s;
        if (keys.length < len) {
          keys = new long[Math.max(len, keys.length * 2)];
        }
        for (int k = 0; k < len; k++) {
          keys[k] = ((long) cols[s + k] << 32) | (k & 0xffffffffL);
        }
        Arrays.sort(keys, 0, len);
        float[] rowVals = Arrays.copyOfRange(vals, s, e);
        int k = 0;
        while (k < len) {
          int item = (int) (keys[k] >>> 32);
          float sum = 0;
          while (k < len && (int) (keys[k] >>> 32) == item) {
            sum += rowVals[(int) keys[k]];
            k++;
          }
          if (sum != 0) {
            cols[w] = item;
            vals[w] = sum;
            w++;
          }
        }
        outStart[u + 1] = w;
      }
      return new FeedbackMatrix(
          users, items, outStart, Arrays.copyOf(cols, w), Arrays.copyOf(vals, w));
    }
  }
}
