package dev.foryou.core.signal;

/** The per-video counters the signal store keeps, each decayed exponentially over time. */
public enum VideoCounter {
  /** Times shown. */
  IMPRESSIONS,
  /** Views (any watch time). */
  VIEWS,
  /** Seconds watched in total. */
  WATCH_SECONDS,
  /** Views that reached the end of the video. */
  COMPLETES,
  /** Likes. */
  LIKES,
  /** Shares. */
  SHARES,
  /** Comments. */
  COMMENTS,
  /** Follows of the creator from this video. */
  FOLLOWS,
  /** Quick skips. */
  SKIPS,
  /** "Not interested" answers. */
  NOT_INTERESTED,
  /** Gift coins received. */
  GIFT_COINS
}
