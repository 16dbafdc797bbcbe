package dev.foryou.ranking.model;

import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.signal.SignalStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Fills the {@link Features} vector of a (user, video) pair from the catalog and the signal store:
 * decayed video rates with Bayesian smoothing, user affinities to the video's creator, hashtags,
 * sound and category, the user-video embedding cosine, freshness, duration and source flags.
 *
 * <p>Thread-safe: no mutable state besides per-thread scratch buffers.
 */
public interface FeatureExtractor {

  /**
   * Creates the standard extractor.
   *
   * @param catalog the catalog
   * @param signals the signal store
   * @param smoothing the pseudo-impressions of the Beta prior that smooths every rate, at least 0
   * @return the extractor
   * @throws IllegalArgumentException if {@code smoothing} is negative or not finite
   */
  static FeatureExtractor create(Catalog catalog, SignalStore signals, double smoothing) {
    return new StandardFeatures(
        Objects.requireNonNull(catalog, "catalog"),
        Objects.requireNonNull(signals, "signals"),
        smoothing);
  }

  /**
   * Writes the feature vector of a pair into {@code out}.
   *
   * @param user the user's index, or -1 for a user the signal store does not know (user features
   *     are then 0)
   * @param video the video's index
   * @param sourceMask the candidate's source bits (0 when unknown, e.g. for logged events)
   * @param userVector the user's vector (any norm), or null when the user has none
   * @param coldUser true when the user has no recent history
   * @param nowMillis the time the features describe
   * @param out receives {@link Features#SIZE} values
   * @param counts if not null, receives the video's decayed counters in {@link
   *     dev.foryou.core.signal.VideoCounter} order (read anyway, so callers need not read them
   *     again)
   * @return false (and {@code out} unspecified) if the video is not live
   * @throws IllegalArgumentException if {@code out} is shorter than {@link Features#SIZE}
   */
  boolean extract(
      int user,
      int video,
      int sourceMask,
      float @Nullable [] userVector,
      boolean coldUser,
      long nowMillis,
      float[] out,
      double @Nullable [] counts);

  /**
   * Features of many videos for one user at one time (one feed request): user state (affinities,
   * follows, the user vector's norm) is read once for the whole batch instead of once per video.
   * {@link #extract} of a batch writes what {@link FeatureExtractor#extract} would write for the
   * same arguments at the batch's time.
   *
   * <p>Not thread-safe: use on the thread that made it, for one request.
   */
  interface Batch {
    /**
     * Writes the feature vector of the batch's user and a video.
     *
     * @param video the video's index
     * @param sourceMask the candidate's source bits
     * @param out receives {@link Features#SIZE} values
     * @param counts if not null, receives the video's decayed counters
     * @return false (and {@code out} unspecified) if the video is not live
     * @throws IllegalArgumentException if {@code out} is shorter than {@link Features#SIZE}
     */
    boolean extract(int video, int sourceMask, float[] out, double @Nullable [] counts);

    /**
     * Announces the videos about to be extracted, in that order, so an implementation may read
     * their counters in one pass (the standard one does). Extracting other videos or in another
     * order stays correct. The default does nothing.
     *
     * @param videos video indexes; not kept after the call
     * @param n how many of them
     */
    default void prefetch(int[] videos, int n) {}

    /**
     * {@link #extract} of the {@code slot}-th video of the last {@link #prefetch} (any order of
     * slots): the standard batch finds its prefetched counters by position.
     *
     * @param slot the video's position in the prefetched array
     * @param video the video's index (the one at that position)
     * @param sourceMask the candidate's source bits
     * @param out receives {@link Features#SIZE} values
     * @param counts if not null, receives the video's decayed counters
     * @return false (and {@code out} unspecified) if the video is not live
     */
    default boolean extractAt(
        int slot, int video, int sourceMask, float[] out, double @Nullable [] counts) {
      return extract(video, sourceMask, out, counts);
    }

    /**
     * A cheaper approximation of the feature vector for pre-ranking: the same features, with the
     * logarithms of the smoothed rates, impressions and duration replaced by a fast approximation
     * (within about 0.001 of them). Never used for training or for the final score.
     *
     * @param slot the video's position in the prefetched array
     * @param video the video's index (the one at that position)
     * @param sourceMask the candidate's source bits
     * @param out receives {@link Features#SIZE} values
     * @param counts receives the video's decayed counters
     * @return false (and {@code out} unspecified) if the video is not live
     */
    default boolean extractCheap(
        int slot, int video, int sourceMask, float[] out, double[] counts) {
      return extractAt(slot, video, sourceMask, out, counts);
    }

    /**
     * Turns the row {@link #extractCheap} wrote for a slot into the row {@link #extractAt} would
     * write for it, recomputing only the approximated features (the rates and logarithms) from the
     * counters and duration the cheap pass read; everything else (catalog metadata, affinities,
     * cosine, freshness, flags) is exact in the cheap row already and is kept. The default, and the
     * standard batch when that slot had no cheap pass since the last {@link #prefetch}, extracts
     * afresh.
     *
     * @param slot the slot given to {@link #extractCheap}
     * @param video the video given to it
     * @param sourceMask the source bits given to it
     * @param row in: the row {@link #extractCheap} wrote, unchanged since; out: the full row
     * @param counts receives the video's decayed counters (the ones the cheap pass read)
     * @return false (and {@code row} unspecified) if the video is not live
     * @throws IllegalArgumentException if {@code row} is shorter than {@link Features#SIZE}
     */
    default boolean refine(int slot, int video, int sourceMask, float[] row, double[] counts) {
      return extractAt(slot, video, sourceMask, row, counts);
    }
  }

  /**
   * Starts a batch for one user at one time. The default delegates every call to {@link #extract};
   * the standard extractor reads the user's state once. A batch may be reused by the next {@code
   * batch} call on the same thread, so use it for one request only.
   *
   * @param user the user's index, or -1 for an unknown user
   * @param userVector the user's vector, or null; not copied, so keep it unchanged while the batch
   *     is in use
   * @param coldUser true when the user has no recent history
   * @param nowMillis the time the features describe
   * @return the batch
   */
  default Batch batch(int user, float @Nullable [] userVector, boolean coldUser, long nowMillis) {
    return (video, sourceMask, out, counts) ->
        extract(user, video, sourceMask, userVector, coldUser, nowMillis, out, counts);
  }
}
