package dev.foryou.ranking.candidate;

import dev.foryou.core.catalog.Catalog;
import java.util.Objects;

/**
 * Bounded recent-video lists kept up to date on catalog upserts: per creator, per hashtag, per
 * sound, the newest uploads overall (the fresh pool), and the hashtags of recent sponsored videos
 * (the sponsored challenges). Sources read these instead of scanning the catalog.
 *
 * <p>Thread-safe.
 */
public interface ContentIndex {

  /**
   * Creates an index over a catalog (empty; call {@link #onUpsert} for every video).
   *
   * @param catalog the catalog
   * @param perKey how many recent videos to keep per creator, hashtag and sound, at least 1
   * @param freshPool how many newest uploads to keep, at least 1
   * @return the index
   * @throws IllegalArgumentException if a size is below 1
   */
  static ContentIndex create(Catalog catalog, int perKey, int freshPool) {
    return new DefaultContentIndex(Objects.requireNonNull(catalog, "catalog"), perKey, freshPool);
  }

  /**
   * Indexes a video that was just inserted or replaced in the catalog; ignores a video that is no
   * longer live.
   *
   * @param video the video's index
   */
  void onUpsert(int video);

  /**
   * Writes a creator's newest videos, newest first.
   *
   * @param creator a creator index
   * @param out receives video indexes
   * @return how many were written
   */
  int byCreator(int creator, int[] out);

  /**
   * Writes a hashtag's newest videos, newest first.
   *
   * @param hashtag a hashtag index
   * @param out receives video indexes
   * @return how many were written
   */
  int byHashtag(int hashtag, int[] out);

  /**
   * Writes a sound's newest videos, newest first.
   *
   * @param sound a sound index
   * @param out receives video indexes
   * @return how many were written
   */
  int bySound(int sound, int[] out);

  /**
   * Writes the newest uploads, newest first.
   *
   * @param out receives video indexes
   * @return how many were written
   */
  int newest(int[] out);

  /**
   * Writes the hashtags of the most recent sponsored videos (the running sponsored challenges),
   * newest first.
   *
   * @param out receives hashtag indexes
   * @return how many were written
   */
  int challengeHashtags(int[] out);

  /**
   * Returns the heap bytes the index holds, estimated from its arrays.
   *
   * @return bytes
   */
  long ramBytesUsed();
}
