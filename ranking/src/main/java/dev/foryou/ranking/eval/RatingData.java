package dev.foryou.ranking.eval;

import java.util.Arrays;

/**
 * Loaded ratings: parallel arrays of dense user index, dense item index, rating and (optional)
 * timestamp, in file order. External ids are kept for reporting. Immutable, thread-safe.
 */
public final class RatingData {

  final String name;
  final int[] user;
  final int[] item;
  final float[] rating;
  final long[] timestamp; // null when the file has none
  final String[] userIds;
  final String[] itemIds;

  RatingData(
      String name,
      int[] user,
      int[] item,
      float[] rating,
      long[] timestamp,
      String[] userIds,
      String[] itemIds) {
    this.name = name;
    this.user = user;
    this.item = item;
    this.rating = rating;
    this.timestamp = timestamp;
    this.userIds = userIds;
    this.itemIds = itemIds;
  }

  /** Returns the data set's name (the file name it came from). */
  public String name() {
    return name;
  }

  /** Returns the number of ratings. */
  public int size() {
    return user.length;
  }

  /** Returns the number of distinct users. */
  public int users() {
    return userIds.length;
  }

  /** Returns the number of distinct items. */
  public int items() {
    return itemIds.length;
  }

  /** Returns whether every rating has a timestamp. */
  public boolean hasTimestamps() {
    return timestamp != null;
  }

  /**
   * Returns the dense user index of rating {@code k}.
   *
   * @param k a rating index in {@code [0, size())}
   * @return the user index
   */
  public int user(int k) {
    return user[k];
  }

  /**
   * Returns the dense item index of rating {@code k}.
   *
   * @param k a rating index
   * @return the item index
   */
  public int item(int k) {
    return item[k];
  }

  /**
   * Returns rating {@code k}'s value.
   *
   * @param k a rating index
   * @return the rating
   */
  public float rating(int k) {
    return rating[k];
  }

  /**
   * Returns rating {@code k}'s timestamp.
   *
   * @param k a rating index
   * @return the timestamp as in the file
   * @throws IllegalStateException if the data has no timestamps
   */
  public long timestamp(int k) {
    if (timestamp == null) {
      throw new IllegalStateException("data set " + name + " has no timestamps");
    }
    return timestamp[k];
  }

  /**
   * Returns the external id of a user.
   *
   * @param user a dense user index
   * @return the id as in the file
   */
  public String userId(int user) {
    return userIds[user];
  }

  /**
   * Returns the external id of an item.
   *
   * @param item a dense item index
   * @return the id as in the file
   */
  public String itemId(int item) {
    return itemIds[item];
  }

  /** Returns the largest rating value (0 for an empty data set). */
  public float maxRating() {
    float m = 0;
    for (float r : rating) {
      m = Math.max(m, r);
    }
    return m;
  }

  @Override
  public String toString() {
    return name
        + " ("
        + size()
        + " ratings, "
        + users()
        + " users, "
        + items()
        + " items"
        + (timestamp == null ? "" : ", timestamped")
        + ")";
  }

  static long[] copy(long[] a) {
    return a == null ? null : Arrays.copyOf(a, a.length);
  }
}
