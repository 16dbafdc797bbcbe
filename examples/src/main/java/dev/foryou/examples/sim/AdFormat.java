package dev.foryou.examples.sim;

/** The ad formats the simulated advertisers buy (mirrors the ads module's formats). */
public enum AdFormat {
  /** An auctioned slot inside the feed. */
  IN_FEED,
  /** The first video at the day's first open, reserved. */
  TOP_VIEW,
  /** Exclusive per day and category, shown at app open. */
  BRAND_TAKEOVER,
  /** A sponsored slot on the discover surface plus a boost of challenge videos. */
  HASHTAG_CHALLENGE,
  /** A sponsored slot in the effects tray. */
  BRANDED_EFFECT
}
