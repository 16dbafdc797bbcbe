package dev.foryou.ranking.rerank;

/**
 * Picks the page, in order, out of a re-ranked {@link RankedList}.
 *
 * <p>Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface Selector {

  /**
   * Selects up to {@code count} entries.
   *
   * @param list the scored candidates
   * @param count how many to pick, at least 1
   * @param out receives positions into {@code list}, in page order; length at least {@code count}
   * @return how many were picked (fewer when constraints or the list run out)
   */
  int select(RankedList list, int count, int[] out);
}
