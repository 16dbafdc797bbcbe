package dev.foryou.core.event;

/** The kinds of interaction the engine ingests. */
public enum EventType {
  /** The video was shown in the feed. */
  IMPRESSION,
  /** The user watched the video for {@link Interaction#watchMs()} milliseconds. */
  VIEW,
  /** The user liked the video. */
  LIKE,
  /** The user shared the video. */
  SHARE,
  /** The user commented on the video. */
  COMMENT,
  /** The user followed the video's creator. */
  FOLLOW,
  /** The user scrolled past the video quickly. */
  SKIP,
  /** The user said "not interested" in the video. */
  NOT_INTERESTED,
  /** The user sent {@link Interaction#coins()} coins to the video's creator. */
  GIFT,
  /** An ad was shown; the item is the ad's creative index in the ads module's id space. */
  AD_IMPRESSION,
  /** An ad was clicked; the item is the ad's creative index in the ads module's id space. */
  AD_CLICK;

  /**
   * Tells whether the item of this event is an ad creative rather than a catalog video.
   *
   * @return true for {@link #AD_IMPRESSION} and {@link #AD_CLICK}
   */
  public boolean isAd() {
    return this == AD_IMPRESSION || this == AD_CLICK;
  }
}
