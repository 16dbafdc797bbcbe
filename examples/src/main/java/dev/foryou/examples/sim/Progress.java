package dev.foryou.examples.sim;

/**
 * Hears how far a simulation has come; the CLI draws a progress bar from it.
 *
 * <p>Called from the simulation's single thread.
 */
public interface Progress {

  /** Hears nothing. */
  Progress NONE = new Progress() {};

  /**
   * The simulation starts.
   *
   * @param totalSessions how many sessions it will run
   */
  default void start(long totalSessions) {}

  /**
   * Sessions finished so far.
   *
   * @param doneSessions finished sessions
   * @param day the simulated day (0-based) of the clock
   */
  default void advanced(long doneSessions, int day) {}

  /** The simulation ended. */
  default void done() {}
}
