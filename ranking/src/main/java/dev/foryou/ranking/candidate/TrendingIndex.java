package dev.foryou.ranking.candidate;

import dev.foryou.core.catalog.Catalog;
import java.util.Objects;

/**
 * Trending videos by exponentially decayed engagement velocity, globally, per video language and
 * per viewer country, each kept in a bounded heavy-hitters summary (Space-Saving) updated on every
 * engagement event: memory and update cost are independent of the catalog size, and a request reads
 * a few hundred entries instead of scanning the catalog.
 *
 * <p>Thread-safe.
 */
public interface TrendingIndex {

  /**
   * Creates an empty index.
   *
   * @param catalog the catalog (for each video's language)
   * @param halfLifeMillis the half-life of an event's weight, at least 1
   * @param capacity the entries tracked per segment (global, each language, each country), at least
   *     8
   * @return the index
   * @throws IllegalArgumentException on a bad value
   */
  static TrendingIndex create(Catalog catalog, long halfLifeMillis, int capacity) {
    return new SpaceSavingTrending(
        Objects.requireNonNull(catalog, "catalog"), halfLifeMillis, capacity);
  }

  /**
   * Returns the dense index of a country code, assigning one on first sight.
   *
   * @param country an ISO 3166-1 code, or empty
   * @return the index, or -1 for an empty code
   */
  int countryIndex(String country);

  /**
   * Adds engagement to a video.
   *
   * @param video a live video index
   * @param weight the engagement weight, at least 0 (0 is ignored)
   * @param timeMillis when it happened
   * @param country the viewer's country index from {@link #countryIndex}, or -1
   * @throws IllegalArgumentException if {@code weight} is negative or not finite
   */
  void record(int video, double weight, long timeMillis, int country);

  /**
   * Writes the top videos of a segment, best first, with their decayed velocity at {@code
   * nowMillis}.
   *
   * @param language a language index to read that language's segment, or -1
   * @param country a country index to read that country's segment, or -1; when both are -1 the
   *     global segment is read (language wins if both are given)
   * @param nowMillis the time to decay to
   * @param outVideos receives video indexes
   * @param outScores receives decayed velocities
   * @return how many were written
   */
  int top(int language, int country, long nowMillis, int[] outVideos, float[] outScores);
}
