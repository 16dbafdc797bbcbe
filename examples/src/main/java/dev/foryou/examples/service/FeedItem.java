package dev.foryou.examples.service;

import org.jspecify.annotations.Nullable;

/**
 * One item of a served feed page, with external ids.
 *
 * <p>Immutable and thread-safe.
 *
 * @param video the video's id, or null for an ad
 * @param creator the video's creator, or null for an ad
 * @param campaign the ad's campaign id, or null for a video
 * @param creative the ad's creative id, or null for a video
 * @param format the ad's format, or null for a video
 * @param impressionId the id to post back with {@code ad_impression} / {@code ad_click} events, or
 *     null for a video
 */
public record FeedItem(
    @Nullable String video,
    @Nullable String creator,
    @Nullable String campaign,
    @Nullable String creative,
    @Nullable String format,
    @Nullable String impressionId) {

  /**
   * A video item.
   *
   * @param video the video id
   * @param creator its creator id
   * @return the item
   */
  public static FeedItem video(String video, String creator) {
    return new FeedItem(video, creator, null, null, null, null);
  }

  /**
   * Tells whether this item is an ad.
   *
   * @return true for an ad
   */
  public boolean isAd() {
    return campaign != null;
  }
}
