package dev.foryou.ranking.embed;

/**
 * Settings of {@link IalsTrainer}. Immutable, thread-safe.
 *
 * @param factors vector dimension, in {@code [1, 1024]}
 * @param regularization L2 weight λ, finite and > 0
 * @param alpha confidence slope: {@code c = 1 + alpha·|strength|}, finite and >= 0
 * @param epochs training epochs for {@link IalsTrainer#train}, >= 0 (each epoch = one item and one
 *     user half-step)
 * @param cgSteps conjugate-gradient steps per row per half-step (Takács et al. 2011), warm-started
 *     from the previous solution; 0 solves each row exactly by Cholesky. In {@code [0, factors]}
 * @param threads worker threads, >= 1
 * @param seed seed of the random initialization
 */
public record IalsConfig(
    int factors,
    double regularization,
    double alpha,
    int epochs,
    int cgSteps,
    int threads,
    long seed) {

  /** Validates every setting; the exception names the bad one. */
  public IalsConfig {
    if (factors < 1 || factors > 1024) {
      throw new IllegalArgumentException("factors must be in [1, 1024]: " + factors);
    }
    if (!(regularization > 0) || !Double.isFinite(regularization)) {
      throw new IllegalArgumentException(
          "regularization must be finite and > 0: " + regularization);
    }
    if (!(alpha >= 0) || !Double.isFinite(alpha)) {
      throw new IllegalArgumentException("alpha must be finite and >= 0: " + alpha);
    }
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0: " + epochs);
    }
    if (cgSteps < 0 || cgSteps > factors) {
      throw new IllegalArgumentException("cgSteps must be in [0, factors]: " + cgSteps);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
  }

  /**
   * Returns sensible defaults: 64 factors, λ = 1, α = 10, 15 epochs, 3 CG steps, all available
   * processors, seed 42.
   *
   * @return the default settings
   */
  public static IalsConfig defaults() {
    return new IalsConfig(64, 1.0, 10.0, 15, 3, Runtime.getRuntime().availableProcessors(), 42L);
  }
}
