package dev.foryou.ranking.candidate;

/**
 * Where a candidate came from. Each source has one bit in a candidate's source mask.
 *
 * <p>Immutable and thread-safe.
 */
public enum Source {
  /** Nearest neighbours of the user's vector in the catalog's embedding space. */
  ANN,
  /** Co-engaged with a video in the user's recent history ("because you watched"). */
  CO_ENGAGEMENT,
  /** Trending by decayed engagement velocity, globally or in the user's language or country. */
  TRENDING,
  /** A recent video of a creator the user follows. */
  FOLLOWED,
  /** A recent video of a creator the user has a high affinity to. */
  AFFINE_CREATOR,
  /** A recent video with few impressions, for exploration. */
  FRESH,
  /** A recent video carrying a hashtag the user has a high affinity to. */
  HASHTAG,
  /** A recent video using a sound the user has a high affinity to. */
  SOUND,
  /** A recent video of a sponsored hashtag challenge. */
  CHALLENGE,
  /** A random live video, for diverse exploration when little is known about the user. */
  EXPLORE;

  private static final Source[] VALUES = values();

  /**
   * Returns this source's bit in a source mask.
   *
   * @return {@code 1 << ordinal()}
   */
  public int bit() {
    return 1 << ordinal();
  }

  /**
   * Tells whether a mask contains this source.
   *
   * @param mask a source mask
   * @return true if this source's bit is set
   */
  public boolean in(int mask) {
    return (mask & bit()) != 0;
  }

  /**
   * Returns the number of sources (the number of mask bits in use).
   *
   * @return the count
   */
  public static int count() {
    return VALUES.length;
  }

  /**
   * Returns the source with an ordinal.
   *
   * @param ordinal 0 to {@link #count()} - 1
   * @return the source
   * @throws IllegalArgumentException if out of range
   */
  public static Source of(int ordinal) {
    if (ordinal < 0 || ordinal >= VALUES.length) {
      throw new IllegalArgumentException("no source with ordinal " + ordinal);
    }
    return VALUES[ordinal];
  }
}
