package dev.foryou.ads.model;

/** Where an ad is shown in the app. */
public enum Surface {
  /** The For You feed (in-feed ads). */
  FEED,
  /** The app-open moment (TopView, Brand Takeover). */
  APP_OPEN,
  /** The discover page (branded hashtag challenges). */
  DISCOVER,
  /** The effects tray of the camera (branded effects). */
  EFFECTS_TRAY
}
