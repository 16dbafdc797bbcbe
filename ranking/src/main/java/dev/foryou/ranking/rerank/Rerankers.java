package dev.foryou.ranking.rerank;

import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * Factories for the built-in re-rankers and the page selector.
 *
 * <p>Everything returned is immutable and thread-safe.
 */
public final class Rerankers {
  private Rerankers() {}

  /**
   * Removes entries whose video {@code seen} accepts (the no-repeat rule; the predicate defines the
   * window, e.g. the store's seen-set plus the videos served in the user's recent feeds).
   *
   * @param seen tells whether a video was seen within the window
   * @return the stage
   */
  public static Reranker noRepeat(IntPredicate seen) {
    Objects.requireNonNull(seen, "seen");
    return (list, count, now, random) -> list.removeIf(seen);
  }

  /**
   * Adds {@code weight·2^(−age/halfLife)} to every score.
   *
   * @param halfLifeMillis the half-life of the boost, at least 1
   * @param weight the boost of a video published right now, finite and at least 0
   * @return the stage
   * @throws IllegalArgumentException on a bad value
   */
  public static Reranker freshness(long halfLifeMillis, double weight) {
    return new FreshnessBoost(halfLifeMillis, weight);
  }

  /**
   * Chooses {@code ⌈budget·count⌉} of the new entries for exploration slots by Thompson sampling on
   * Beta({@code alpha0} + successes, {@code beta0} + failures) posteriors.
   *
   * @param budget the share of the page for exploration, in [0, 1]
   * @param alpha0 the prior successes, &gt; 0
   * @param beta0 the prior failures, &gt; 0
   * @return the stage
   * @throws IllegalArgumentException on a bad value
   */
  public static Reranker thompsonExploration(double budget, double alpha0, double beta0) {
    return new ThompsonExploration(budget, alpha0, beta0);
  }

  /**
   * The greedy MMR selector with creator and hashtag spacing and evenly spaced exploration slots.
   *
   * @param creatorSpacing no two entries of one creator within this many consecutive slots, &gt;= 1
   *     (1 disables the rule)
   * @param hashtagSpacing no two entries sharing a hashtag within this many consecutive slots
   *     (relaxed for a slot when nothing fits), &gt;= 1
   * @param lambda relevance weight of MMR in [0, 1] (1 = by score only)
   * @param pool how many top-scored entries MMR considers, &gt;= 1
   * @return the selector
   * @throws IllegalArgumentException on a bad value
   */
  public static Selector diversity(
      int creatorSpacing, int hashtagSpacing, double lambda, int pool) {
    return new DiversitySelector(creatorSpacing, hashtagSpacing, lambda, pool);
  }
}
