package dev.foryou.ads.model;

/**
 * The time window in which a campaign may deliver: {@code [startMillis, endMillis)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param startMillis first instant of delivery, epoch millis
 * @param endMillis end of delivery (exclusive), epoch millis; {@link Long#MAX_VALUE} for open-ended
 */
public record Schedule(long startMillis, long endMillis) {

  /** Always on. */
  public static final Schedule ALWAYS = new Schedule(Long.MIN_VALUE, Long.MAX_VALUE);

  /** Validates. */
  public Schedule {
    if (endMillis <= startMillis) {
      throw new IllegalArgumentException(
          "schedule end " + endMillis + " must be after start " + startMillis);
    }
  }

  /**
   * Tells whether an instant lies in the window.
   *
   * @param nowMillis the instant
   * @return true if {@code start <= now < end}
   */
  public boolean contains(long nowMillis) {
    return nowMillis >= startMillis && nowMillis < endMillis;
  }
}
