package dev.foryou.ranking.embed;

/**
 * Supplies a user's current vector in the catalog's embedding space, for nearest-neighbour
 * retrieval and user-video affinity features.
 *
 * <p>Implementations must be thread-safe: feeds are served from many threads while events stream
 * in.
 */
@FunctionalInterface
public interface UserVectorSource {

  /**
   * Writes the user's vector into {@code out}.
   *
   * @param user the user's dense index
   * @param out receives the vector; length at least the catalog's dimension
   * @return false (and {@code out} unspecified) if there is no vector for this user yet, e.g. a new
   *     user with no interactions
   */
  boolean userVector(int user, float[] out);
}
