package dev.foryou.examples.sim;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to simulate: world size, length, seed, whether ads run, and where the report goes.
 *
 * <p>Immutable and thread-safe.
 *
 * @param users simulated users, split evenly across the arms, at least 30
 * @param videos videos in the world (about a fifth of them are published during the run), at least
 *     100
 * @param days simulated days, 1 to 60
 * @param seed the seed every random choice derives from; the same seed gives the same numbers
 * @param adsOff true to run without ads
 * @param out the directory for {@code report.html} and {@code summary.json}
 */
public record SimulationConfig(
    int users, int videos, int days, long seed, boolean adsOff, Path out) {

  /** Default number of users. */
  public static final int DEFAULT_USERS = 3000;

  /** Default number of videos. */
  public static final int DEFAULT_VIDEOS = 12_000;

  /** Default number of days. */
  public static final int DEFAULT_DAYS = 7;

  /** Default seed. */
  public static final long DEFAULT_SEED = 42L;

  /** Validates. */
  public SimulationConfig {
    if (users < 30 || users > 1_000_000) {
      throw new IllegalArgumentException("users must be in [30, 1000000]: " + users);
    }
    if (videos < 100 || videos > 5_000_000) {
      throw new IllegalArgumentException("videos must be in [100, 5000000]: " + videos);
    }
    if (days < 1 || days > 60) {
      throw new IllegalArgumentException("days must be in [1, 60]: " + days);
    }
    Objects.requireNonNull(out, "out");
  }

  /**
   * The defaults: {@value #DEFAULT_USERS} users, {@value #DEFAULT_VIDEOS} videos, {@value
   * #DEFAULT_DAYS} days, seed {@value #DEFAULT_SEED}, ads on, output to {@code target/simulation}.
   *
   * @return the default configuration
   */
  public static SimulationConfig defaults() {
    return new SimulationConfig(
        DEFAULT_USERS,
        DEFAULT_VIDEOS,
        DEFAULT_DAYS,
        DEFAULT_SEED,
        false,
        Path.of("target", "simulation"));
  }
}
