package dev.foryou.examples.sim;

import org.jspecify.annotations.Nullable;

/**
 * One item of a served page: an organic video or an ad.
 *
 * <p>Immutable and thread-safe.
 *
 * @param video the video index, or -1 for an ad
 * @param ad the ad, or null for an organic video
 */
public record Slot(int video, @Nullable ServedAd ad) {

  /** Validates: exactly one of video and ad. */
  public Slot {
    if ((video < 0) == (ad == null)) {
      throw new IllegalArgumentException("a slot is a video or an ad: video=" + video);
    }
  }

  /**
   * An organic video slot.
   *
   * @param video the video index
   * @return the slot
   */
  public static Slot of(int video) {
    return new Slot(video, null);
  }

  /**
   * An ad slot.
   *
   * @param ad the ad
   * @return the slot
   */
  public static Slot of(ServedAd ad) {
    return new Slot(-1, ad);
  }

  /**
   * Tells whether this slot is an ad.
   *
   * @return true for an ad
   */
  public boolean isAd() {
    return ad != null;
  }
}
