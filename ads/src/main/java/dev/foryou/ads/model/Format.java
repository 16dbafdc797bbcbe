package dev.foryou.ads.model;

/** An ad format and the surface it fills. */
public enum Format {
  /** An auctioned slot inside the For You feed. */
  IN_FEED(Surface.FEED),
  /** The first video at the day's first app open; reserved, never auctioned against in-feed ads. */
  TOP_VIEW(Surface.APP_OPEN),
  /** A full-screen ad at app open; exclusive per day and category; reserved. */
  BRAND_TAKEOVER(Surface.APP_OPEN),
  /** The sponsored slot of a branded hashtag challenge on the discover surface. */
  HASHTAG_CHALLENGE(Surface.DISCOVER),
  /** A sponsored slot in the effects tray. */
  BRANDED_EFFECT(Surface.EFFECTS_TRAY);

  private final Surface surface;

  Format(Surface surface) {
    this.surface = surface;
  }

  /**
   * Returns the surface this format fills.
   *
   * @return the surface
   */
  public Surface surface() {
    return surface;
  }

  /**
   * Tells whether this format is sold by reservation (TopView, Brand Takeover) rather than auction.
   *
   * @return true for reserved formats
   */
  public boolean reserved() {
    return surface == Surface.APP_OPEN;
  }
}
