package dev.foryou.ads.insertion;

/**
 * One entry of a monetised feed.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind organic item, in-feed ad or TopView
 * @param id the organic video id, or the caller's ad id
 * @param value the entry's value as given by the caller
 */
public record FeedEntry(Kind kind, int id, double value) {

  /** What an entry is. */
  public enum Kind {
    /** An organic video. */
    ORGANIC,
    /** An auctioned in-feed ad. */
    AD,
    /** The reserved TopView at position 0. */
    TOP_VIEW
  }

  /**
   * Tells whether this entry is an ad (in-feed or TopView).
   *
   * @return true for ads
   */
  public boolean isAd() {
    return kind != Kind.ORGANIC;
  }
}
