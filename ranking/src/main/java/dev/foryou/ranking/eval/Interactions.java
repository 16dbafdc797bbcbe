package dev.foryou.ranking.eval;

/**
 * Positive interactions after a protocol's filters (rating threshold, k-core), re-indexed densely:
 * parallel arrays of user, item and timestamp (or none). Immutable, thread-safe.
 */
public final class Interactions {

  final int users;
  final int items;
  final int[] user;
  final int[] item;
  final long[] time; // null if absent

  Interactions(int users, int items, int[] user, int[] item, long[] time) {
    this.users = users;
    this.items = items;
    this.user = user;
    this.item = item;
    this.time = time;
  }

  /** Returns the number of users left. */
  public int users() {
    return users;
  }

  /** Returns the number of items left. */
  public int items() {
    return items;
  }

  /** Returns the number of interactions left. */
  public int size() {
    return user.length;
  }

  /** Returns whether timestamps are known. */
  public boolean hasTimestamps() {
    return time != null;
  }

  /**
   * Returns the user of interaction {@code k}.
   *
   * @param k an index in {@code [0, size())}
   * @return the dense user index
   */
  public int user(int k) {
    return user[k];
  }

  /**
   * Returns the item of interaction {@code k}.
   *
   * @param k an index in {@code [0, size())}
   * @return the dense item index
   */
  public int item(int k) {
    return item[k];
  }
}
