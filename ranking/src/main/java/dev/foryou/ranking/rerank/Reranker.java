package dev.foryou.ranking.rerank;

import java.util.SplittableRandom;

/**
 * One re-ranking stage: changes scores, flags or membership of a {@link RankedList} in place.
 *
 * <p>Implementations are immutable and thread-safe; the list and the random source are the
 * request's own.
 */
@FunctionalInterface
public interface Reranker {

  /**
   * Applies this stage.
   *
   * @param list the request's scored candidates
   * @param count how many items the page will show
   * @param nowMillis the request time
   * @param random the request's random source
   */
  void rerank(RankedList list, int count, long nowMillis, SplittableRandom random);
}
