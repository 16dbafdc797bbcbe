package dev.foryou.core.catalog;

/** The growth policy of the catalog's and the graph's per-video arrays. Stateless. */
final class Capacity {
  private Capacity() {}

  /**
   * The capacity to grow to: an eighth more, and at least {@code need}. Growing by half (the common
   * choice) left up to a third of these arrays unused, 20–30 bytes per video; by an eighth at most
   * a ninth is, and the copies of the whole life of a catalog add up to about nine times its final
   * size, on the writer, under its lock.
   *
   * @param capacity the current capacity
   * @param need the index that must fit, plus one
   * @return the new capacity
   */
  static int grown(int capacity, int need) {
    return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(need, capacity + (capacity >> 3) + 1L));
  }
}
