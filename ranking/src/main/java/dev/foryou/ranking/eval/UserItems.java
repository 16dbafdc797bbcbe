package dev.foryou.ranking.eval;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;

/**
 * A binary user × item matrix in compressed rows (items ascending per user): one part of a split.
 * Immutable, thread-safe.
 */
public final class UserItems {

  final int users;
  final int items;
  final int[] start; // users + 1
  final int[] cols;

  UserItems(int users, int items, int[] start, int[] cols) {
    this.users = users;
    this.items = items;
    this.start = start;
    this.cols = cols;
  }

  /**
   * Builds a matrix from per-user item lists (duplicates removed).
   *
   * @param items number of items
   * @param rows one list per user
   * @return the matrix
   */
  static UserItems of(int items, IntArrayList[] rows) {
    int[] start = new int[rows.length + 1];
    IntArrayList all = new IntArrayList();
    for (int u = 0; u < rows.length; u++) {
      int[] r = rows[u].toIntArray();
      Arrays.sort(r);
      int prev = -1;
      for (int i : r) {
        if (i != prev) {
          all.add(i);
          prev = i;
        }
      }
      start[u + 1] = all.size();
    }
    return new UserItems(rows.length, items, start, all.toIntArray());
  }

  /**
   * Builds a matrix from per-user item arrays, for tests and callers outside the loaders.
   *
   * @param items number of items; every listed item must be in {@code [0, items)}
   * @param rows one array per user (copied; duplicates removed)
   * @return the matrix
   * @throws IllegalArgumentException naming an out-of-range item
   */
  public static UserItems of(int items, int[]... rows) {
    IntArrayList[] lists = new IntArrayList[rows.length];
    for (int u = 0; u < rows.length; u++) {
      for (int i : rows[u]) {
        if (i < 0 || i >= items) {
          throw new IllegalArgumentException("item out of range [0, " + items + "): " + i);
        }
      }
      lists[u] = new IntArrayList(rows[u]);
    }
    return of(items, lists);
  }

  /** Returns the number of users (rows). */
  public int users() {
    return users;
  }

  /** Returns the number of items (columns). */
  public int items() {
    return items;
  }

  /** Returns the number of (user, item) pairs. */
  public int size() {
    return cols.length;
  }

  /**
   * Returns how many items a user has.
   *
   * @param user a user index
   * @return the row length
   */
  public int count(int user) {
    return start[user + 1] - start[user];
  }

  /**
   * Returns a copy of a user's items, ascending.
   *
   * @param user a user index
   * @return the items
   */
  public int[] items(int user) {
    return Arrays.copyOfRange(cols, start[user], start[user + 1]);
  }

  /**
   * Returns whether a user has an item.
   *
   * @param user a user index
   * @param item an item index
   * @return true if present
   */
  public boolean contains(int user, int item) {
    return Arrays.binarySearch(cols, start[user], start[user + 1], item) >= 0;
  }

  /** Returns how many users have each item. */
  public int[] itemCounts() {
    int[] c = new int[items];
    for (int i : cols) {
      c[i]++;
    }
    return c;
  }

  /**
   * Returns the union of this matrix and another of the same shape.
   *
   * @param other the other part
   * @return a new matrix with both parts' pairs
   */
  public UserItems union(UserItems other) {
    if (other.users != users || other.items != items) {
      throw new IllegalArgumentException(
          "shapes differ: " + users + "×" + items + " vs " + other.users + "×" + other.items);
    }
    IntArrayList[] rows = new IntArrayList[users];
    for (int u = 0; u < users; u++) {
      rows[u] = new IntArrayList(count(u) + other.count(u));
      rows[u].addElements(0, cols, start[u], count(u));
      rows[u].addElements(rows[u].size(), other.cols, other.start[u], other.count(u));
    }
    return of(items, rows);
  }

  /** Returns the item-major transpose as per-item user lists (start array, then users). */
  int[][] transpose() {
    int[] is = new int[items + 1];
    for (int c : cols) {
      is[c + 1]++;
    }
    for (int i = 0; i < items; i++) {
      is[i + 1] += is[i];
    }
    int[] fill = Arrays.copyOf(is, items);
    int[] us = new int[cols.length];
    for (int u = 0; u < users; u++) {
      for (int k = start[u]; k < start[u + 1]; k++) {
        us[fill[cols[k]]++] = u;
      }
    }
    return new int[][] {is, us};
  }
}
