package dev.foryou.ads.billing;

import java.util.Objects;

/**
 * The window a frequency cap counts impressions over.
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind sliding, calendar day or lifetime
 * @param millis the length of a sliding window (at least 1 s); 0 for the other kinds
 */
public record CapWindow(Kind kind, long millis) {

  /** Kinds of window. */
  public enum Kind {
    /** The last {@code millis} milliseconds. */
    SLIDING,
    /** The current calendar day in the caps' configured time zone. */
    CALENDAR_DAY,
    /** Forever. */
    LIFETIME
  }

  /**
   * Validates the window.
   *
   * @throws IllegalArgumentException if a sliding window is shorter than a second or another kind
   *     has a length
   */
  public CapWindow {
    Objects.requireNonNull(kind, "kind");
    if (kind == Kind.SLIDING && millis < 1000) {
      throw new IllegalArgumentException("sliding window must be >= 1000 ms: " + millis);
    }
    if (kind != Kind.SLIDING && millis != 0) {
      throw new IllegalArgumentException(kind + " window takes no length: " + millis);
    }
  }

  /**
   * A sliding window of whole minutes.
   *
   * @param minutes at least 1
   * @return the window
   * @throws IllegalArgumentException if {@code minutes < 1}
   */
  public static CapWindow minutes(int minutes) {
    if (minutes < 1) {
      throw new IllegalArgumentException("minutes must be >= 1: " + minutes);
    }
    return new CapWindow(Kind.SLIDING, minutes * 60_000L);
  }

  /**
   * A sliding window of whole hours.
   *
   * @param hours at least 1
   * @return the window
   * @throws IllegalArgumentException if {@code hours < 1}
   */
  public static CapWindow hours(int hours) {
    if (hours < 1) {
      throw new IllegalArgumentException("hours must be >= 1: " + hours);
    }
    return new CapWindow(Kind.SLIDING, hours * 3_600_000L);
  }

  /**
   * The current calendar day in the configured zone.
   *
   * @return the window
   */
  public static CapWindow calendarDay() {
    return new CapWindow(Kind.CALENDAR_DAY, 0);
  }

  /**
   * All time.
   *
   * @return the window
   */
  public static CapWindow lifetime() {
    return new CapWindow(Kind.LIFETIME, 0);
  }
}
