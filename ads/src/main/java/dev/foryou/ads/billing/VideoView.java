package dev.foryou.ads.billing;

/**
 * A view of a creator's video, for the creator fund.
 *
 * <p>Immutable and thread-safe.
 *
 * @param eventId unique id of the event, non-empty
 * @param userId the viewer
 * @param videoId the video
 * @param creatorId the video's creator
 * @param videoDurationMs the video's length, at least 1
 * @param watchMs how long it was watched, at least 0
 * @param timestampMillis when
 */
public record VideoView(
    String eventId,
    String userId,
    String videoId,
    String creatorId,
    long videoDurationMs,
    long watchMs,
    long timestampMillis) {

  /**
   * Validates the event.
   *
   * @throws IllegalArgumentException if an id is empty, the duration is below 1 or the watch time
   *     is negative
   */
  public VideoView {
    Ledger.requireId(eventId, "eventId");
    Ledger.requireId(userId, "userId");
    Ledger.requireId(videoId, "videoId");
    Ledger.requireId(creatorId, "creatorId");
    if (videoDurationMs < 1) {
      throw new IllegalArgumentException("videoDurationMs must be >= 1: " + videoDurationMs);
    }
    if (watchMs < 0) {
      throw new IllegalArgumentException("watchMs must be >= 0: " + watchMs);
    }
  }
}
