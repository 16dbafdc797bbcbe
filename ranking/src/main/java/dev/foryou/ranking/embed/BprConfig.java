package dev.foryou.ranking.embed;

/**
 * Settings of {@link BprTrainer}. Immutable, thread-safe.
 *
 * @param factors vector dimension, in {@code [1, 1024]}
 * @param learningRate SGD step, finite and > 0
 * @param regularization L2 weight, finite and >= 0
 * @param epochs epochs for {@link BprTrainer#train} (one epoch = as many sampled triples as
 *     positive entries), >= 0
 * @param threads Hogwild worker threads, >= 1 (with more than one thread results vary slightly from
 *     run to run)
 * @param seed seed of initialization and sampling
 */
public record BprConfig(
    int factors, double learningRate, double regularization, int epochs, int threads, long seed) {

  /** Validates every setting; the exception names the bad one. */
  public BprConfig {
    if (factors < 1 || factors > 1024) {
      throw new IllegalArgumentException("factors must be in [1, 1024]: " + factors);
    }
    if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
      throw new IllegalArgumentException("learningRate must be finite and > 0: " + learningRate);
    }
    if (!(regularization >= 0) || !Double.isFinite(regularization)) {
      throw new IllegalArgumentException(
          "regularization must be finite and >= 0: " + regularization);
    }
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be >= 0: " + epochs);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
  }
}
