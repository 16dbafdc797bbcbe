package dev.foryou.ranking.embed;

import dev.foryou.core.event.EventType;

/**
 * Turns interaction events into signed feedback strengths for a {@link FeedbackMatrix}: positive
 * strengths grow with watch ratio, likes, shares, comments, follows and gifts; skips and "not
 * interested" give negative strengths, which the trainers treat as evidence against the item (iALS:
 * preference 0 with raised confidence).
 *
 * <p>Defaults ({@link #DEFAULTS}): a view contributes its watch ratio (capped at 2), like 1, share
 * 2, comment 1, follow 1, gift 1, skip -0.5, not interested -3. Immutable, thread-safe.
 *
 * @param like strength of a like, >= 0
 * @param share strength of a share, >= 0
 * @param comment strength of a comment, >= 0
 * @param follow strength of a follow, >= 0
 * @param gift strength of a gift, >= 0
 * @param watchCap cap on the watch ratio a view contributes, > 0
 * @param skip strength of a skip, {@code <= 0}
 * @param notInterested strength of "not interested", {@code <= 0}
 */
public record ImplicitFeedback(
    float like,
    float share,
    float comment,
    float follow,
    float gift,
    float watchCap,
    float skip,
    float notInterested) {

  /** The documented default weights. */
  public static final ImplicitFeedback DEFAULTS =
      new ImplicitFeedback(1f, 2f, 1f, 1f, 1f, 2f, -0.5f, -3f);

  /** Validates every weight's sign; a bad one is named in the exception. */
  public ImplicitFeedback {
    nonNegative("like", like);
    nonNegative("share", share);
    nonNegative("comment", comment);
    nonNegative("follow", follow);
    nonNegative("gift", gift);
    if (!(watchCap > 0) || !Float.isFinite(watchCap)) {
      throw new IllegalArgumentException("watchCap must be finite and > 0: " + watchCap);
    }
    if (!(skip <= 0)) {
      throw new IllegalArgumentException("skip must be <= 0: " + skip);
    }
    if (!(notInterested <= 0)) {
      throw new IllegalArgumentException("notInterested must be <= 0: " + notInterested);
    }
  }

  private static void nonNegative(String name, float v) {
    if (!(v >= 0) || !Float.isFinite(v)) {
      throw new IllegalArgumentException(name + " must be finite and >= 0: " + v);
    }
  }

  /**
   * Returns the signed strength of one event.
   *
   * @param type the event type
   * @param watchMs watched milliseconds (views only; ignored otherwise), >= 0
   * @param durationMs the video's duration (views only), > 0 for a watch ratio, else 0 is used
   * @return the strength; 0 for event types that carry no preference (impressions, ads)
   */
  public float strength(EventType type, long watchMs, long durationMs) {
    return switch (type) {
      case VIEW ->
          durationMs > 0 && watchMs > 0
              ? (float) Math.min(watchCap, (double) watchMs / durationMs)
              : 0f;
      case LIKE -> like;
      case SHARE -> share;
      case COMMENT -> comment;
      case FOLLOW -> follow;
      case GIFT -> gift;
      case SKIP -> skip;
      case NOT_INTERESTED -> notInterested;
      default -> 0f;
    };
  }
}
