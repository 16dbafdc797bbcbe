package dev.foryou.core;

/**
 * The time every time-dependent component reads (decay, pacing, caps), injected so that tests and
 * simulations control it.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface TimeSource {

  /** The wall clock of this JVM ({@link System#currentTimeMillis()}). */
  TimeSource SYSTEM = System::currentTimeMillis;

  /**
   * Returns the current time.
   *
   * @return milliseconds since the Unix epoch
   */
  long nowMillis();
}
