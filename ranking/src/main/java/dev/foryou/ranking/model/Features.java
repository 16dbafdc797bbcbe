package dev.foryou.ranking.model;

import dev.foryou.ranking.candidate.Source;

/**
 * The layout of the fixed feature vector of a (user, video) pair: indexes and names. Values are
 * scaled to roughly [-1, 1] so that one learning rate suits all.
 *
 * <p>Immutable and thread-safe (constants only).
 */
public final class Features {
  private Features() {}

  /** Always 1. */
  public static final int BIAS = 0;

  /** Smoothed decayed completion rate (completes / views, Beta prior). */
  public static final int RATE_COMPLETE = 1;

  /** Smoothed decayed like rate per impression. */
  public static final int RATE_LIKE = 2;

  /** Smoothed decayed share rate per impression. */
  public static final int RATE_SHARE = 3;

  /** Smoothed decayed comment rate per impression. */
  public static final int RATE_COMMENT = 4;

  /** Smoothed decayed follow rate per impression. */
  public static final int RATE_FOLLOW = 5;

  /** Smoothed decayed skip rate per impression. */
  public static final int RATE_SKIP = 6;

  /** Smoothed decayed "not interested" rate per impression. */
  public static final int RATE_NOT_INTERESTED = 7;

  /** Smoothed mean watch ratio (watched seconds / (views · duration)). */
  public static final int WATCH_RATIO = 8;

  /** log1p(decayed impressions) / 10: popularity and confidence of the rates. */
  public static final int LOG_IMPRESSIONS = 9;

  /** tanh of the user's affinity to the video's creator. */
  public static final int AFF_CREATOR = 10;

  /** tanh of the user's strongest affinity among the video's hashtags (signed). */
  public static final int AFF_HASHTAG = 11;

  /** tanh of the user's affinity to the video's sound. */
  public static final int AFF_SOUND = 12;

  /** tanh of the user's affinity to the video's category. */
  public static final int AFF_CATEGORY = 13;

  /** 1 if the user follows the creator. */
  public static final int FOLLOWS = 14;

  /** Cosine of the user vector and the video embedding (0 when either is missing). */
  public static final int EMBEDDING_COSINE = 15;

  /** 2^(−age / 1 day): freshness. */
  public static final int FRESHNESS = 16;

  /** log1p(duration in seconds) / 5. */
  public static final int LOG_DURATION = 17;

  /** 1 if the user has no recent history (cold). */
  public static final int USER_COLD = 18;

  /** First of the source flags, one per {@link Source} in ordinal order. */
  public static final int SOURCE_FLAGS = 19;

  /** The length of the feature vector. */
  public static final int SIZE = SOURCE_FLAGS + Source.count();

  private static final String[] NAMES = names();

  private static String[] names() {
    String[] n = new String[SIZE];
    String[] fixed = {
      "bias",
      "rate.complete",
      "rate.like",
      "rate.share",
      "rate.comment",
      "rate.follow",
      "rate.skip",
      "rate.notInterested",
      "watchRatio",
      "log.impressions",
      "affinity.creator",
      "affinity.hashtag",
      "affinity.sound",
      "affinity.category",
      "follows",
      "embedding.cosine",
      "freshness",
      "log.duration",
      "user.cold"
    };
    System.arraycopy(fixed, 0, n, 0, fixed.length);
    for (int s = 0; s < Source.count(); s++) {
      n[SOURCE_FLAGS + s] = "source." + Source.of(s).name().toLowerCase(java.util.Locale.ROOT);
    }
    return n;
  }

  /**
   * Returns a feature's name.
   *
   * @param feature 0 to {@link #SIZE} - 1
   * @return a stable dotted name, e.g. {@code affinity.category}
   * @throws IllegalArgumentException if out of range
   */
  public static String name(int feature) {
    if (feature < 0 || feature >= SIZE) {
      throw new IllegalArgumentException("no feature " + feature + " (size " + SIZE + ")");
    }
    return NAMES[feature];
  }
}
