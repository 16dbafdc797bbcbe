package dev.foryou.ranking.candidate;

import java.util.Objects;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * What a candidate source needs to know about one request.
 *
 * <p>Immutable and thread-safe if {@code accept} is.
 *
 * @param user the user's dense index (may be unknown to the signal store: a cold user)
 * @param nowMillis the request time
 * @param language the user's language index in the catalog's language map, or -1
 * @param country the user's country index in the trending index's country map, or -1
 * @param accept which videos may be proposed (live, not seen, passing the request's filters)
 * @param userVector the user's vector if the caller already computed it (sources then need not
 *     compute it again), or null; not copied, so keep it unchanged while the query is in use
 */
public record Query(
    int user,
    long nowMillis,
    int language,
    int country,
    IntPredicate accept,
    float @Nullable [] userVector) {

  /** Validates. */
  public Query {
    if (user < 0) {
      throw new IllegalArgumentException("user index must be >= 0: " + user);
    }
    Objects.requireNonNull(accept, "accept");
  }

  /**
   * A query without a precomputed user vector.
   *
   * @param user the user's dense index
   * @param nowMillis the request time
   * @param language the language index, or -1
   * @param country the country index, or -1
   * @param accept which videos may be proposed
   */
  public Query(int user, long nowMillis, int language, int country, IntPredicate accept) {
    this(user, nowMillis, language, country, accept, null);
  }
}
