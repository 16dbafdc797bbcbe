package dev.foryou.core;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TimeSource} that moves only when told to: for tests and simulations.
 *
 * <p>Thread-safe.
 */
public final class ManualTimeSource implements TimeSource {
  private final AtomicLong now;

  /**
   * Creates a time source standing at the given instant.
   *
   * @param startMillis milliseconds since the Unix epoch
   */
  public ManualTimeSource(long startMillis) {
    this.now = new AtomicLong(startMillis);
  }

  @Override
  public long nowMillis() {
    return now.get();
  }

  /**
   * Moves time forward.
   *
   * @param millis how far, at least 0
   * @return the new time
   * @throws IllegalArgumentException if {@code millis} is negative
   */
  public long advance(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("millis must be >= 0: " + millis);
    }
    return now.addAndGet(millis);
  }

  /**
   * Sets the time; it may not go backwards.
   *
   * @param millis the new time
   * @throws IllegalArgumentException if {@code millis} is before the current time
   */
  public void set(long millis) {
    long prev = now.getAndAccumulate(millis, Math::max);
    if (millis < prev) {
      throw new IllegalArgumentException("time may not go backwards: " + millis + " < " + prev);
    }
  }
}
