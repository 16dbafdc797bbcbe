package dev.foryou.ranking.eval;

import dev.foryou.ranking.embed.Cholesky;
import java.util.Arrays;
import java.util.List;

/**
 * EASE, the closed-form shallow autoencoder.
 *
 * <p>Design: Steck, "Embarrassingly Shallow Autoencoders for Sparse Data" (WWW 2019): {@code P =
 * (XᵀX + λI)⁻¹}, {@code B = I − P·diag(1/diag(P))} (zero diagonal), scores {@code x_u B}. The
 * inverse comes from a pure-Java Cholesky factorization on primitive arrays ({@link Cholesky}),
 * fine for catalogs up to about 20 k items (the item × item matrix is dense).
 */
final class Ease implements Algorithm<Ease.Config> {

  /**
   * One grid point.
   *
   * @param lambda the L2 weight λ
   */
  record Config(double lambda) {}

  static final int MAX_ITEMS = 20_000;

  private final int threads;

  Ease(int threads) {
    this.threads = threads;
  }

  @Override
  public String name() {
    return "ease";
  }

  @Override
  public List<Config> grid() {
    return List.of(
        new Config(60),
        new Config(120),
        new Config(200),
        new Config(300),
        new Config(450),
        new Config(700),
        new Config(1000));
  }

  @Override
  public Recommender fit(UserItems train, Config config) {
    int n = train.items;
    if (n > MAX_ITEMS) {
      throw new IllegalArgumentException(
          "EASE needs a dense item × item matrix; items " + n + " > " + MAX_ITEMS);
    }
    double[] g = new double[n * n];
    for (int u = 0; u < train.users; u++) {
      int s = train.start[u];
      int e = train.start[u + 1];
      for (int a = s; a < e; a++) {
        int ra = train.cols[a] * n;
        for (int b = s; b < e; b++) {
          g[ra + train.cols[b]] += 1;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      g[i * n + i] += config.lambda();
    }
    double[] p = Cholesky.invert(g, n, threads);
    float[] b = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        b[i * n + j] = i == j ? 0f : (float) (-p[i * n + j] / p[j * n + j]);
      }
    }
    return (user, out) -> {
      Arrays.fill(out, 0, n, 0f);
      for (int q = train.start[user]; q < train.start[user + 1]; q++) {
        int row = train.cols[q] * n;
        for (int j = 0; j < n; j++) {
          out[j] += b[row + j];
        }
      }
    };
  }
}
