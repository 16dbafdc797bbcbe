package dev.foryou.ranking.eval;

/**
 * Logged recommendations with clicks (Open Bandit Dataset layout): per row the shown item, its
 * position (1-based), whether it was clicked, the logging policy's propensity, and the user
 * features as dense ids (one column per feature). Immutable, thread-safe.
 */
public final class ClickLog {

  final int[] item;
  final int[] position;
  final boolean[] click;
  final double[] propensity;
  final int[][] userFeature; // [feature][row]

  ClickLog(int[] item, int[] position, boolean[] click, double[] propensity, int[][] userFeature) {
    this.item = item;
    this.position = position;
    this.click = click;
    this.propensity = propensity;
    this.userFeature = userFeature;
  }

  /** Returns the number of logged impressions. */
  public int size() {
    return item.length;
  }

  /**
   * Returns the shown item of row {@code r}.
   *
   * @param r a row index in {@code [0, size())}
   * @return the item id
   */
  public int item(int r) {
    return item[r];
  }

  /**
   * Returns the 1-based position of row {@code r}.
   *
   * @param r a row index
   * @return the position
   */
  public int position(int r) {
    return position[r];
  }

  /**
   * Returns whether row {@code r} was clicked.
   *
   * @param r a row index
   * @return the click label
   */
  public boolean clicked(int r) {
    return click[r];
  }

  /**
   * Returns the logging policy's probability of row {@code r}'s action.
   *
   * @param r a row index
   * @return the propensity in (0, 1]
   */
  public double propensity(int r) {
    return propensity[r];
  }

  /** Returns the number of user feature columns. */
  public int userFeatures() {
    return userFeature.length;
  }

  /**
   * Returns the dense id of user feature {@code f} on row {@code r}.
   *
   * @param f a feature column
   * @param r a row index
   * @return the id (dense per column, in first-seen order)
   */
  public int userFeature(int f, int r) {
    return userFeature[f][r];
  }

  /** Returns the largest item id plus one. */
  public int items() {
    int m = -1;
    for (int i : item) {
      m = Math.max(m, i);
    }
    return m + 1;
  }
}
